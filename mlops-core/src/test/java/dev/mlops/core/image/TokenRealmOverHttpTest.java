package dev.mlops.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry on verified TLS (a JDK HttpsServer with a certificate made here) whose bearer challenge names a
 * token realm: on plain HTTP the credential must never be sent; on HTTPS the exchange works as before.
 */
class TokenRealmOverHttpTest {

    private static final String SECRET = "realm-sentinel-password-5f1c";

    @TempDir
    Path dir;

    private SSLContext tls;
    private HttpsServer registry;
    private HttpServer plainRealm;
    private final List<String> plainRealmRequests = new CopyOnWriteArrayList<>();
    private final List<String> tlsRealmAuthorizations = new CopyOnWriteArrayList<>();
    private volatile String realm;

    @BeforeEach
    void start() throws Exception {
        tls = selfSignedContext();
        registry = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.setHttpsConfigurator(new HttpsConfigurator(tls));
        registry.createContext("/v2/", this::manifest);
        registry.createContext("/token", exchange -> {
            tlsRealmAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            respond(exchange, 200, "{\"token\":\"granted\"}");
        });
        registry.start();
        plainRealm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plainRealm.createContext("/token", exchange -> {
            // record everything the realm received: it must stay empty
            plainRealmRequests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().entrySet());
            respond(exchange, 200, "{\"token\":\"granted\"}");
        });
        plainRealm.start();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        plainRealm.stop(0);
    }

    @Test
    void aPlainHttpRealmGetsNoCredentialAndTheErrorSaysWhy() {
        realm = "http://127.0.0.1:" + plainRealm.getAddress().getPort() + "/token";

        RegistryAuthenticationException e = assertThrows(RegistryAuthenticationException.class,
                () -> new RegistryApiTagLookup(tls).exists(registryHost(), "team/model", "1.0.0", access()));

        assertEquals(List.of(), plainRealmRequests, "the plain-HTTP realm received nothing");
        assertTrue(e.getMessage().contains(realm), e.getMessage());
        assertTrue(e.getMessage().contains("over HTTPS"), "says how to fix it: " + e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aTlsRealmGetsTheCredentialAndTheLookupWorks() throws Exception {
        realm = "https://" + registryHost() + "/token";

        assertTrue(new RegistryApiTagLookup(tls).exists(registryHost(), "team/model", "1.0.0", access()));

        assertEquals(1, tlsRealmAuthorizations.size(), "the control: the same exchange over HTTPS sends the credential");
        assertTrue(tlsRealmAuthorizations.get(0).startsWith("Basic "), tlsRealmAuthorizations.toString());
    }

    private void manifest(HttpExchange exchange) throws IOException {
        if ("Bearer granted".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 200, "");
            return;
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"test-registry\"");
        respond(exchange, 401, "");
    }

    private RegistryAccess access() {
        return new RegistryAccess(new FixedCredentials("settings.xml server 'test'", registryHost(),
                new RegistryCredential("ci", SECRET)), false);
    }

    private String registryHost() {
        return "127.0.0.1:" + registry.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    // one key pair for 127.0.0.1 made with the JDK's keytool; server and client share the store
    private SSLContext selfSignedContext() throws Exception {
        Path store = dir.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed: " + out);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, "changeit".toCharArray());
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(km.getKeyManagers(), tm.getTrustManagers(), null);
        return context;
    }
}
