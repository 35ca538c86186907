package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication headers and TLS trust against a loopback HTTPS server whose certificates are
 * made with the JDK's keytool: one valid for 127.0.0.1, one only for another host name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthAndTlsTest {

  private static final String PASSWORD = "changeit";
  private static final String ANSWER = "{\"status\":\"success\",\"data\":{\"resultType\":"
      + "\"vector\",\"result\":[{\"metric\":{\"job\":\"a\"},\"value\":[1700000000,\"42\"]}]}}";

  @TempDir
  static Path dir;
  private HttpsServer matching;
  private HttpsServer otherHost;
  private String matchingPem;
  private String otherHostPem;
  private final AtomicReference<String> authorization = new AtomicReference<>();

  @BeforeAll
  void startServers() throws Exception {
    matching = server(keystore("ip", "ip:127.0.0.1"));
    otherHost = server(keystore("other", "dns:prometheus.other.example"));
    matchingPem = pem("ip");
    otherHostPem = pem("other");
  }

  @AfterAll
  void stopServers() {
    for (HttpsServer server : new HttpsServer[] {matching, otherHost}) {
      if (server != null) {
        server.stop(0);
      }
    }
  }

  private PrometheusClientSettings settings(HttpsServer server, TlsSettings tls) {
    return PrometheusClientSettings.defaults(
            URI.create("https://127.0.0.1:" + server.getAddress().getPort()))
        .withTls(tls).withRetry(RetryPolicy.none());
  }

  private double query(PrometheusClientSettings settings) {
    return new PrometheusClient(settings).queryInstant("up", 1_700_000_000).get(0).value();
  }

  @Test
  void customCaIsTrustedAndBearerTokenIsSent() {
    double v = query(settings(matching, new TlsSettings(matchingPem, false))
        .withAuth(new PrometheusAuth.BearerToken("s3cret")));
    assertThat(v).isEqualTo(42.0);
    assertThat(authorization.get()).isEqualTo("Bearer s3cret");
  }

  @Test
  void bearerTokenFileIsReadOnEveryRequest() throws IOException {
    Path token = dir.resolve("token");
    Files.writeString(token, "first\n");
    PrometheusClient client = new PrometheusClient(settings(matching,
        new TlsSettings(matchingPem, false)).withAuth(new PrometheusAuth.BearerTokenFile(token)));
    client.queryInstant("up", 1);
    assertThat(authorization.get()).isEqualTo("Bearer first");
    Files.writeString(token, "rotated");
    client.queryInstant("up", 1);
    assertThat(authorization.get()).isEqualTo("Bearer rotated");
  }

  @Test
  void basicAuthIsSent() {
    query(settings(matching, new TlsSettings(matchingPem, false))
        .withAuth(new PrometheusAuth.Basic("ops", "pa:ss")));
    assertThat(authorization.get()).isEqualTo("Basic b3BzOnBhOnNz"); // base64("ops:pa:ss")
  }

  @Test
  void unknownCaIsRefusedWithoutRetry() {
    assertThatThrownBy(() -> query(settings(matching, TlsSettings.defaults())))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("TLS with https://127.0.0.1:");
  }

  @Test
  void hostNameIsVerifiedUnlessInsecureSkipVerify() {
    assertThatThrownBy(() -> query(settings(otherHost, new TlsSettings(otherHostPem, false))))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("TLS with");
    assertThat(query(settings(otherHost, new TlsSettings(null, true)))).isEqualTo(42.0);
  }

  private HttpsServer server(Path keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(keystore.toFile())) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server;
  }

  private Path keystore(String name, String san) throws Exception {
    Path file = dir.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=countcast-test", "-ext", "san=" + san,
        "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
        "-keypass", PASSWORD);
    return file;
  }

  private String pem(String name) throws Exception {
    Path out = dir.resolve(name + ".pem");
    keytool("-exportcert", "-rfc", "-alias", name, "-keystore",
        dir.resolve(name + ".p12").toString(), "-storepass", PASSWORD, "-file", out.toString());
    return Files.readString(out);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }
}
