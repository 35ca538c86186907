package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.PrometheusException.Kind;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust for the Prometheus connection.
 *
 * @param caPem PEM certificates to trust <em>instead of</em> the JDK's default roots (as
 *     Prometheus' own {@code ca_file} does); null to use the default roots
 * @param insecureSkipVerify accept any certificate and host name; off by default, for tests and
 *     emergencies only
 */
public record TlsSettings(String caPem, boolean insecureSkipVerify) {

  /** JDK default trust, verification on. */
  public static TlsSettings defaults() {
    return new TlsSettings(null, false);
  }

  /** Builds the SSL context these settings describe. */
  public SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      if (insecureSkipVerify) {
        context.init(null, new TrustManager[] {new TrustAll()}, null);
      } else if (caPem != null) {
        context.init(null, caTrustManagers(), null);
      } else {
        return SSLContext.getDefault();
      }
      return context;
    } catch (GeneralSecurityException e) {
      throw new PrometheusException(Kind.CONFIGURATION, "cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private TrustManager[] caTrustManagers() throws GeneralSecurityException {
    Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
    if (certs.isEmpty()) {
      throw new PrometheusException(Kind.CONFIGURATION, "the CA PEM contains no certificate");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new PrometheusException(Kind.CONFIGURATION, "cannot create an in-memory trust store: " + e, e);
    }
    int i = 0;
    for (Certificate cert : certs) {
      store.setCertificateEntry("ca-" + i++, cert);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  /**
   * Accepts every chain. It is an X509ExtendedTrustManager on purpose: for those the JDK leaves
   * host name verification to the trust manager, so this also skips the host name check.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
