package io.countcast.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The CRD the crd-generator-maven-plugin wrote into target/classes during process-classes,
 * read from the test classpath.
 */
final class GeneratedCrd {

  private static final KubernetesSerialization KUBE = new KubernetesSerialization();

  /** File name the generator gives the CRD, also used for the checked-in copies. */
  static final String FILE_NAME = "countforecasts.countcast.io-v1.yml";

  private static final String RESOURCE = "META-INF/fabric8/" + FILE_NAME;

  private GeneratedCrd() {}

  /** The generated YAML text. */
  static String yaml() {
    try (InputStream in = GeneratedCrd.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new AssertionError(RESOURCE + " is not on the test classpath: the crd-generator-maven-plugin"
            + " runs in process-classes, so run the tests through Maven (./mvnw test)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generated CRD as a model object. */
  static CustomResourceDefinition crd() {
    return KUBE.unmarshal(yaml(), CustomResourceDefinition.class);
  }

  /** The openAPIV3Schema of the only version. */
  static JSONSchemaProps rootSchema() {
    return crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
  }
}
