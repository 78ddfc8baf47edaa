package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio browse opc.tcp://HOST:PORT[/PATH]}: the nodes of an OPC UA server, to pick NodeIds for bindings.
 * The OPC UA classes are used only from {@link BrowseReport}, so every other command still loads where the
 * optional connector bundle is missing.
 */
@Command(name = "browse", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Browse an OPC UA server (its None endpoint): objects, variables and methods below a node with",
                "NodeId, browse name, node class and, for variables, data type and access (r, w, rw)." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:browsed", "1:the server cannot be reached, refused the session or the node",
                "2:usage error (URL, NodeId, depth)", "3:internal error (also: OPC UA support not installed)" })
public final class BrowseCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The server, e.g. opc.tcp://127.0.0.1:4840/twinstudio")
    String url;

    @Option(names = "--node", paramLabel = "NODEID",
            description = "Start node, e.g. ns=2;s=tank or i=85 (default: the Objects folder).")
    String node;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "2",
            description = "Levels below the start node (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--json", description = "One JSON document instead of an indented tree.")
    boolean json;

    @Option(names = "--credential", paramLabel = "KEY", description = "Sign in as the user of credential KEY "
            + "(TWINSTUDIO_CREDENTIAL_<KEY>_USER and _PASSWORD) instead of anonymously.")
    String credential;

    @Option(names = "--security", paramLabel = "POLICY[/MODE]", defaultValue = "None",
            description = { "The endpoint's security, as a binding would connect: None (the default), Basic256Sha256,",
                    "Aes128_Sha256_RsaOaep or Aes256_Sha256_RsaPss, with Sign or SignAndEncrypt (the default for a",
                    "secure policy). The client certificate and trust list are those of the live sessions",
                    "(~/.twinstudio/opcua-client/pki): the server must trust that certificate and it the server's." })
    String security;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connect and request timeout (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (url == null || !url.matches("opc\\.tcp://[^/\\s]+(/\\S*)?")) {
            err.println("twinstudio browse: '" + url + "' is not an OPC UA address; expected opc.tcp://HOST:PORT/PATH");
            return ExitCodes.USAGE;
        }
        if (depth < 1 || timeout < 1) {
            err.println("twinstudio browse: --depth and --timeout must be at least 1");
            return ExitCodes.USAGE;
        }
        try {
            return BrowseReport.print(url, node, depth, json, credential, security, timeout, out, err);
        } catch (NoClassDefFoundError e) {
            err.println("twinstudio browse: OPC UA support is not available in this installation (bundle "
                    + "org.twinstudio.connect.opcua): " + e.getMessage());
            return ExitCodes.INTERNAL;
        }
    }
}
