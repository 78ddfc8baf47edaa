package org.twinstudio.connect.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which brokers a TLS connection trusts: the certificate authorities of the Java runtime and, for a plant's own
 * brokers (whose certificates a private CA signed, or which sign their own), every certificate in the trust
 * directory {@code <state directory>/mqtt/trusted} ({@code .pem}, {@code .crt}, {@code .cer} or {@code .der}, one or
 * more certificates per file). The broker's host name or IP address must match its certificate either way.
 */
public final class BrokerTrust {

    /** Where, below a connector's state directory, the certificates of trusted brokers or their CAs go. */
    public static final String TRUSTED_DIRECTORY = "mqtt/trusted";

    private BrokerTrust() {
    }

    /** The trust directory under {@code stateDirectory}, or null without a state directory. */
    public static Path trustedDirectory(Path stateDirectory) {
        return stateDirectory == null ? null : stateDirectory.resolve(TRUSTED_DIRECTORY);
    }

    /**
     * A socket factory trusting the runtime's CAs and the certificates in {@code trusted}; null when that directory
     * holds none (Paho's default factory then trusts the runtime's CAs alone).
     *
     * @throws IOException naming the file that is not a certificate
     */
    public static SSLSocketFactory socketFactory(Path trusted) throws IOException {
        List<X509Certificate> own = certificates(trusted);
        if (own.isEmpty()) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate c : runtimeAuthorities()) {
                store.setCertificateEntry("runtime-" + n++, c);
            }
            for (X509Certificate c : own) {
                store.setCertificateEntry("trusted-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with the certificates of " + trusted + ": " + e.getMessage(), e);
        }
    }

    /** The certificates in the files of {@code directory} (none when it does not exist). */
    static List<X509Certificate> certificates(Path directory) throws IOException {
        List<X509Certificate> result = new ArrayList<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return result;
        }
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X.509 is part of every Java runtime", e);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{pem,crt,cer,der}")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Certificate c : factory.generateCertificates(in)) {
                        if (c instanceof X509Certificate x509) {
                            result.add(x509);
                        }
                    }
                } catch (GeneralSecurityException e) {
                    throw new IOException("trusted broker certificate " + file + " cannot be read: " + e.getMessage(),
                            e);
                }
            }
        }
        return result;
    }

    private static List<X509Certificate> runtimeAuthorities() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<X509Certificate> result = new ArrayList<>();
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                result.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return result;
    }
}
