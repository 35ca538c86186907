package io.countcast.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checked-in CRD copies must equal the CRD generated from the current API classes. */
class CrdDriftTest {

  @ParameterizedTest
  @ValueSource(strings = {"crds", "charts/countcast/crds"})
  void checkedInCopyMatchesGeneratedCrd(String directory) throws IOException {
    Path copy = Path.of(directory, GeneratedCrd.FILE_NAME);
    String refresh = "; run scripts/update-crds.sh and commit the result";

    assertThat(copy).as(copy + " is missing" + refresh).exists();
    assertThat(Files.readString(copy))
        .as(copy + " differs from the CRD generated from io.countcast.api" + refresh)
        .isEqualTo(GeneratedCrd.yaml());
  }
}
