package org.twinstudio.connect.opcua.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.Twinstudio;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.opcua.ApplicationPki;
import org.twinstudio.connect.opcua.OpcUaTwinServer;
import org.twinstudio.runtime.TwinSession;

/** {@code twinstudio browse} against our server over the heating line. */
class BrowseCommandTest {

    @TempDir
    static Path state;

    static TwinSession twin;
    static OpcUaTwinServer server;

    @BeforeAll
    static void start() throws Exception {
        twin = Peers.heatingLine();
        server = Peers.serve(twin, state, Map.of(), Credentials.NONE);
    }

    @AfterAll
    static void stop() {
        server.close();
        twin.close();
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Twinstudio.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsTheTreeBelowANode() {
        String ns = "ns=" + server.namespaceIndex() + ";s=";
        Run r = run("browse", server.address(), "--node", ns + "tank", "--depth", "1");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("level  " + ns + "tank.level  Variable  Double  r"), r.out());
        assertTrue(lines.contains("inflow  " + ns + "tank.inflow  Variable  Double  rw"), r.out());
        assertTrue(lines.contains("Parameters  " + ns + "tank.Parameters  Object"), r.out());
        assertEquals(7, lines.size(), "6 ports and the Parameters folder: " + r.out());
    }

    @Test
    void jsonListsEveryNodeWithItsParentAndDepth() {
        String ns = "ns=" + server.namespaceIndex() + ";s=";
        Run r = run("browse", server.address(), "--node", ns + "heater", "--depth", "2", "--json");
        assertEquals(0, r.code(), r.err());
        String out = r.out().replace("\n", "").replaceAll("\\s+", " ");
        assertTrue(out.contains("\"nodeId\": \"" + ns + "heater.command\", \"browseName\": \""
                + server.namespaceIndex() + ":command\", \"displayName\": \"command\", \"nodeClass\": \"Variable\","
                + " \"dataType\": \"Double\", \"access\": \"rw\", \"depth\": 1, \"parent\": \"" + ns + "heater\""), out);
        assertTrue(out.contains("\"nodeId\": \"" + ns + "heater.Parameters.maxPower\""), out);
        assertTrue(out.contains("\"depth\": 2"), out);
    }

    @Test
    void fromTheObjectsFolderByDefault() {
        Run r = run("browse", server.address(), "--depth", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("heating_line  ns=" + server.namespaceIndex()
                + ";s=heating_line  Object")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Server  i=2253  Object")), r.out());
    }

    @Test
    void badArgumentsAreUsageErrorsAndAnAbsentServerIsOne() throws Exception {
        assertEquals(2, run("browse", "http://localhost:4840").code());
        Run badNode = run("browse", server.address(), "--node", "tank.level");
        assertEquals(2, badNode.code());
        assertTrue(badNode.err().contains("not a NodeId"), badNode.err());
        assertEquals(2, run("browse", server.address(), "--depth", "0").code());
        int free;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            free = s.getLocalPort();
        }
        Run absent = run("browse", "opc.tcp://127.0.0.1:" + free + "/x", "--timeout", "2");
        assertEquals(1, absent.code(), absent.err());
        assertTrue(absent.err().startsWith("twinstudio browse: opc.tcp://127.0.0.1:" + free), absent.err());
    }

    @Test
    void browsesASecureEndpointWithTheCertificateOfTheLiveSessions(@TempDir Path secureState) throws Exception {
        try (TwinSession plant = Peers.heatingLine();
                OpcUaTwinServer secure = Peers.serve(plant, secureState,
                        Map.of("opcua.security", "Basic256Sha256/SignAndEncrypt"), Credentials.NONE);
                // where live sessions and browse keep the client certificate: trust both ways beforehand
                ApplicationPki client = ApplicationPki.open(
                        Path.of(System.getProperty("user.home"), ".twinstudio", "opcua-client", "pki"),
                        "urn:twinstudio:client:test", "localhost",
                        false)) {
            client.trustList().addTrustedCertificate(secure.pki().certificate());
            secure.pki().trustList().addTrustedCertificate(client.certificate());
            String ns = "ns=" + secure.namespaceIndex() + ";s=";

            Run r = run("browse", secure.address(), "--security", "basic256sha256/SignAndEncrypt", "--node", ns + "tank",
                    "--depth", "1");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains(ns + "tank.level"), r.out());

            Run bad = run("browse", secure.address(), "--security", "Basic128");
            assertEquals(2, bad.code(), bad.err());
            assertTrue(bad.err().contains("expected POLICY[/MODE]"), bad.err());
            Run contradiction = run("browse", secure.address(), "--security", "Basic256Sha256/None");
            assertEquals(2, contradiction.code(), contradiction.err());
        }
    }
}
