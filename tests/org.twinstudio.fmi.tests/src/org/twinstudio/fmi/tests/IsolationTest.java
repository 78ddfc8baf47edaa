package org.twinstudio.fmi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.fmi.tests.TestTwins.add;
import static org.twinstudio.fmi.tests.TestTwins.connect;
import static org.twinstudio.fmi.tests.TestTwins.param;
import static org.twinstudio.fmi.tests.TestTwins.port;
import static org.twinstudio.fmi.tests.TestTwins.portOf;
import static org.twinstudio.fmi.tests.TestTwins.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.fmi.Fmu;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.internal.IsolatedInstance;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/**
 * FMUs run out of process ({@code isolation = process}): the same results as in process, and a crash, an abort or
 * a hang of the FMU's native code becomes an error with the FMU's log while this JVM carries on.
 */
class IsolationTest {

    @TempDir
    Path dir;

    /** constant 1 → lag FMU (tau) → y. */
    private TwinModel lagModel(String isolation, String interfaceKind, double tau) throws IOException {
        TwinModel m = TwinModels.createModel("lagtest");
        Component source = add(m, "constant", "source");
        param(source, "value", "1");
        Component lag = add(m, "fmu", "lag");
        param(lag, "fmu", TestFmus.fmu(dir, "lag").toString());
        param(lag, "tau", Double.toString(tau));
        if (isolation != null) {
            param(lag, "isolation", isolation);
        }
        if (interfaceKind != null) {
            param(lag, "interface", interfaceKind);
        }
        connect(m, portOf(source, "y"), port(lag, "u", PortDirection.IN, DataType.REAL));
        port(lag, "y", PortDirection.OUT, DataType.REAL);
        return m;
    }

    /** A twin of one crashing FMU (mode 1: NULL pointer, 2: abort, 3: endless loop) failing at step 3. */
    private TwinModel crashModel(String model, int mode, String callTimeout) throws IOException {
        TwinModel m = TwinModels.createModel("crash");
        Component c = add(m, "fmu", "crasher");
        param(c, "fmu", (model.endsWith("3") ? TestFmus.fmu3(dir, model) : TestFmus.fmu(dir, model)).toString());
        param(c, "isolation", "process");
        param(c, "mode", Integer.toString(mode));
        param(c, "crashAt", "3");
        if (callTimeout != null) {
            param(c, "callTimeout", callTimeout);
        }
        port(c, "y", PortDirection.OUT, DataType.REAL);
        return m;
    }

    private static SimulationException runFails(TwinModel m) {
        return assertThrows(SimulationException.class,
                () -> Simulation.builder(m).behaviours(registry()).stepSize(0.1).stopTime(1).build().run());
    }

    /** After a failure the JVM still simulates: an isolated lag gives its exact step response. */
    private void nextSimulationWorks() throws Exception {
        SimulationResult r = Simulation.builder(lagModel("process", null, 0.5)).behaviours(registry())
                .stepSize(0.1).stopTime(1).build().run();
        assertEquals(1 - Math.exp(-1 / 0.5), r.finalValue("lag.y"), 1e-12);
    }

    @Test
    void coSimulationOutOfProcessGivesTheSameResultsAsInProcess() throws Exception {
        int hosts = IsolatedInstance.liveHosts();
        double tau = 0.8;
        SimulationResult out = Simulation.builder(lagModel("process", null, tau)).behaviours(registry())
                .stepSize(0.05).stopTime(2).build().run();
        SimulationResult in = Simulation.builder(lagModel("none", null, tau)).behaviours(registry()).stepSize(0.05)
                .stopTime(2).build().run();
        double[] t = out.times();
        double[] y = out.series("lag.y");
        for (int k = 0; k < t.length; k++) {
            assertEquals(1 - Math.exp(-t[k] / tau), y[k], 1e-12, "exact step response at t = " + t[k]);
        }
        assertEquals(in.finalValue("lag.y"), out.finalValue("lag.y"), 0.0, "bit for bit the same as in process");
        assertEquals(hosts, IsolatedInstance.liveHosts(), "the run ended its host process");
    }

    @Test
    void modelExchangeOutOfProcessGivesTheSameResultsAsInProcess() throws Exception {
        SimulationResult out = Simulation.builder(lagModel("process", "model-exchange", 0.5)).behaviours(registry())
                .stepSize(0.01).stopTime(1).solver(org.twinstudio.model.Solver.RK4).build().run();
        SimulationResult in = Simulation.builder(lagModel(null, "model-exchange", 0.5)).behaviours(registry())
                .stepSize(0.01).stopTime(1).solver(org.twinstudio.model.Solver.RK4).build().run();
        assertEquals(in.finalValue("lag.y"), out.finalValue("lag.y"), 0.0);
        assertEquals(1 - Math.exp(-2), out.finalValue("lag.y"), 1e-9, "RK4 with h = 0.01 on y' = (1 - y) / 0.5");
    }

    /**
     * Model exchange with events out of process: state events (bouncing ball, FMI 2.0 and 3.0), time events (clock)
     * and step events asked for in completedIntegratorStep (sampler) give the very same trajectories and events.
     */
    @Test
    void eventsOfModelExchangeFmusOutOfProcessAreTheSameAsInProcess() throws Exception {
        Object[][] cases = { { "bouncingball", new String[] { "height" }, new String[] { "bounces" }, null },
                { "bouncingball3", new String[] { "height" }, new String[] { "bounces" }, null },
                { "clock", new String[] { "phase" }, new String[] { "ticks" }, "period=0.3" },
                { "sampler", new String[] { "sample" }, new String[] { "count" }, "period=0.255" } };
        for (Object[] c : cases) {
            String model = (String) c[0];
            SimulationResult[] results = new SimulationResult[2];
            for (int k = 0; k < 2; k++) {
                TwinModel m = TwinModels.createModel("events");
                Component f = add(m, "fmu", "f");
                param(f, "fmu", (model.endsWith("3") ? TestFmus.fmu3(dir, model) : TestFmus.fmu(dir, model))
                        .toString());
                param(f, "interface", "model-exchange");
                param(f, "isolation", k == 0 ? "none" : "process");
                if (c[3] != null) {
                    String[] kv = ((String) c[3]).split("=");
                    param(f, kv[0], kv[1]);
                }
                for (String real : (String[]) c[1]) {
                    port(f, real, PortDirection.OUT, DataType.REAL);
                }
                for (String integer : (String[]) c[2]) {
                    port(f, integer, PortDirection.OUT, DataType.INTEGER);
                }
                results[k] = Simulation.builder(m).behaviours(registry()).stepSize(0.01).stopTime(1.5)
                        .solver(org.twinstudio.model.Solver.RK4).build().run();
            }
            assertEquals(results[0].events().toString(), results[1].events().toString(), model);
            for (String signal : new String[] { ((String[]) c[1])[0], ((String[]) c[2])[0] }) {
                assertArrayEquals(results[0].series("f." + signal), results[1].series("f." + signal),
                        model + "." + signal);
            }
            assertTrue(results[1].finalValue("f." + ((String[]) c[2])[0]) >= 2, model + ": events happened");
        }
    }

    @Test
    void aSegmentationFaultBecomesAnErrorWithTheSignalAndTheLog() throws Exception {
        int hosts = IsolatedInstance.liveHosts();
        for (String model : new String[] { "crashing", "crashing3" }) {
            SimulationException e = runFails(crashModel(model, 1, null));
            String msg = e.getMessage();
            assertTrue(msg.startsWith("component 'crasher' (fmu) failed"), msg);
            String fn = model.endsWith("3") ? "fmi3DoStep" : "fmi2DoStep";
            assertTrue(msg.contains("the FMU crashed in " + fn + "(t = 0.2 s, h = 0.1"), msg);
            assertTrue(msg.contains("by signal SIGSEGV (segmentation fault)"), msg);
            assertTrue(msg.contains("[OK/logAll] step 3 at t = 0.2 s: writing through a NULL pointer"),
                    "the log forwarded before the crash: " + msg);
            assertTrue(msg.contains(model + ".fmu"), msg);
        }
        assertEquals(hosts, IsolatedInstance.liveHosts(), "no host process left behind");
        nextSimulationWorks();
    }

    /**
     * Without an isolation of its own a component follows the system property (as the workbench sets it): process
     * and co-simulation isolate this co-simulation FMU, so its abort is an error and not the end of this JVM; an
     * unknown value is refused.
     */
    @Test
    void componentsWithoutIsolationFollowTheDefaultProperty() throws Exception {
        String before = System.getProperty(Fmu.DEFAULT_ISOLATION_PROPERTY);
        try {
            for (String mode : new String[] { "process", "co-simulation" }) {
                System.setProperty(Fmu.DEFAULT_ISOLATION_PROPERTY, mode);
                TwinModel m = crashModel("crashing", 2, null);
                m.getComponents().get(0).getParameters().removeIf(p -> p.getName().equals("isolation"));
                SimulationException e = runFails(m);
                assertTrue(e.getMessage().contains("by signal SIGABRT (abort)"), mode + ": " + e.getMessage());
            }
            System.setProperty(Fmu.DEFAULT_ISOLATION_PROPERTY, "sandbox");
            TwinModel m = crashModel("crashing", 2, null);
            m.getComponents().get(0).getParameters().removeIf(p -> p.getName().equals("isolation"));
            SimulationException e = runFails(m);
            assertTrue(e.getMessage().contains("twinstudio.fmi.isolation = 'sandbox': use none, process or co-simulation"),
                    e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(Fmu.DEFAULT_ISOLATION_PROPERTY);
            } else {
                System.setProperty(Fmu.DEFAULT_ISOLATION_PROPERTY, before);
            }
        }
        nextSimulationWorks();
    }

    @Test
    void anAbortBecomesAnErrorWithTheSignal() throws Exception {
        SimulationException e = runFails(crashModel("crashing", 2, null));
        String msg = e.getMessage();
        assertTrue(msg.contains("the FMU crashed in fmi2DoStep(t = 0.2 s, h = 0.1"), msg);
        assertTrue(msg.contains("by signal SIGABRT (abort)"), msg);
        assertTrue(msg.contains("step 3 at t = 0.2 s: calling abort()"), msg);
        nextSimulationWorks();
    }

    @Test
    void aHangIsCutByTheCallTimeout() throws Exception {
        int hosts = IsolatedInstance.liveHosts();
        long t0 = System.nanoTime();
        SimulationException e = runFails(crashModel("crashing", 3, "0.5"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String msg = e.getMessage();
        assertTrue(msg.contains("fmi2DoStep(t = 0.2 s, h = 0.1")
                && msg.contains(" s) did not return within 0.5 s (the call timeout)"), msg);
        assertTrue(msg.contains("was killed"), msg);
        assertTrue(msg.contains("step 3 at t = 0.2 s: looping forever"), msg);
        assertTrue(seconds < 20, "cut after the timeout, not hung: " + seconds + " s");
        assertEquals(hosts, IsolatedInstance.liveHosts());
        nextSimulationWorks();
    }

    @Test
    void anErrorStatusIsReportedAsInProcess() throws Exception {
        TwinModel m = TwinModels.createModel("fail");
        Component f = add(m, "fmu", "divider");
        param(f, "fmu", TestFmus.fmu(dir, "failing").toString());
        param(f, "isolation", "process");
        port(f, "y", PortDirection.OUT, DataType.REAL);
        SimulationException e = runFails(m);
        assertTrue(e.getMessage().startsWith("component 'divider' (fmu) failed after the step at t = 0.6"),
                e.getMessage());
        assertTrue(e.getMessage().contains("fmi2DoStep(t = 0.5 s, h = 0.1") && e.getMessage().contains("returned Error"),
                e.getMessage());
        assertTrue(e.getMessage().contains("division by zero in block 'divider' at t = 0.6 s (step 42)"),
                e.getMessage());
    }

    @Test
    void theHostEndsOnCloseAndAfterACrashTheInstanceRefusesCalls() throws Exception {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "crashing"))) {
            FmuInstance i = fmu.instantiateIsolated(FmuKind.CO_SIMULATION, "c", Duration.ofSeconds(30));
            ProcessHandle host = ((IsolatedInstance) i).host();
            assertTrue(host.isAlive());
            assertNotEquals(ProcessHandle.current().pid(), host.pid());
            i.enterInitializationMode(Double.NaN, 0, Double.NaN);
            i.exitInitializationMode();
            i.doStep(0, 0.1);
            double[] y = new double[1];
            i.getReal(new int[] { 2 }, y);
            assertEquals(0.1, y[0], 1e-15, "y = t");
            i.close();
            host.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(host.isAlive(), "closing ends the host process");

            FmuInstance crashed = fmu.instantiateIsolated(FmuKind.CO_SIMULATION, "c2", Duration.ofSeconds(30));
            crashed.enterInitializationMode(Double.NaN, 0, Double.NaN);
            crashed.setReal(new int[] { 0 }, new double[] { 1 });
            crashed.exitInitializationMode();
            FmuException e = assertThrows(FmuException.class, () -> crashed.doStep(0, 0.1));
            assertTrue(e.getMessage().contains("SIGSEGV"), e.getMessage());
            FmuException again = assertThrows(FmuException.class, () -> crashed.doStep(0.1, 0.1));
            assertTrue(again.getMessage().contains("instance 'c2' failed before and cannot be used (fmi2DoStep"),
                    again.getMessage());
            ProcessHandle second = ((IsolatedInstance) crashed).host();
            crashed.close();
            assertFalse(second.isAlive());
        }
    }

    /**
     * The outputs read right after doStep come back with the doStep's answer; a call in between (here setting the
     * input) makes the read go to the FMU again, so it sees y = k u with the new u.
     */
    @Test
    void readsFoldedIntoTheStepAreDroppedWhenAnotherCallComesBetween() throws Exception {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "feedthrough"));
                FmuInstance f = fmu.instantiateIsolated(FmuKind.CO_SIMULATION, "ft", Duration.ofSeconds(30))) {
            f.enterInitializationMode(Double.NaN, 0, Double.NaN);
            f.exitInitializationMode();
            FmuInstance.RealValues y = f.reals(new int[] { 2 });
            FmuInstance.RealValues u = f.reals(new int[] { 0 });
            double[] v = new double[1];
            for (int k = 1; k <= 6; k++) {
                u.set(new double[] { k });
                f.doStep((k - 1) * 0.1, 0.1);
                if (k % 2 == 0) {
                    u.set(new double[] { 100 + k });
                    y.get(v);
                    assertEquals(2 * (100 + k), v[0], "step " + k + ": y = 2 u with the u set after the step");
                } else {
                    y.get(v);
                    assertEquals(2 * k, v[0], "step " + k + ": y = 2 u");
                }
                y.get(v);
                assertEquals(k % 2 == 0 ? 2 * (100 + k) : 2 * k, v[0], "a second read asks the FMU again");
            }
            int[] steps = new int[1];
            f.getInteger(new int[] { 0 }, steps);
            assertEquals(6, steps[0]);
        }
    }

    @Test
    void aThreadInterruptedWhileWaitingEndsTheHost() throws Exception {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "crashing"))) {
            FmuInstance i = fmu.instantiateIsolated(FmuKind.CO_SIMULATION, "hung", Duration.ofSeconds(60));
            ProcessHandle host = ((IsolatedInstance) i).host();
            i.enterInitializationMode(Double.NaN, 0, Double.NaN);
            i.setReal(new int[] { 0, 1 }, new double[] { 1, 3 }); // loops forever at the first step
            i.exitInitializationMode();
            RuntimeException[] failure = new RuntimeException[1];
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    i.doStep(0, 0.1);
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            });
            Thread.sleep(300);
            caller.interrupt();
            caller.join(20_000);
            assertFalse(caller.isAlive(), "the call returned long before its 60 s timeout");
            assertTrue(failure[0] instanceof FmuException, String.valueOf(failure[0]));
            assertTrue(failure[0].getMessage().contains("interrupted while waiting for fmi2DoStep(t = 0.0 s"),
                    failure[0].getMessage());
            host.onExit().get(10, TimeUnit.SECONDS);
            i.close();
        }
    }

    @Test
    void closingTheFmuEndsTheHostsOfItsInstances() throws Exception {
        Fmu fmu = Fmu.open(TestFmus.fmu(dir, "crashing"));
        FmuInstance i = fmu.instantiateIsolated(FmuKind.CO_SIMULATION, "open", Duration.ofSeconds(30));
        ProcessHandle host = ((IsolatedInstance) i).host();
        i.enterInitializationMode(Double.NaN, 0, Double.NaN);
        i.exitInitializationMode();
        fmu.close();
        host.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(host.isAlive());
    }

    /** A host outlives no importer: whether it exits normally, halts, or halts while the FMU loops forever. */
    @Test
    void theHostEndsWhenTheImportingJvmEnds() throws Exception {
        Path fmu = TestFmus.fmu(dir, "crashing");
        String classPath = IsolatedInstance.hostClassPath() + java.io.File.pathSeparator
                + Path.of(OrphanedHostCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElseThrow();
        for (String how : new String[] { "exit", "halt", "halt-hung" }) {
            Process importer = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                    OrphanedHostCheck.class.getName(), fmu.toString(), how).redirectErrorStream(true).start();
            String out = new String(importer.getInputStream().readAllBytes()).strip();
            assertTrue(importer.waitFor(60, TimeUnit.SECONDS), how);
            long host = Long.parseLong(out.lines().filter(l -> l.matches("\\d+")).findFirst()
                    .orElseThrow(() -> new AssertionError(how + ": " + out)));
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (running(host) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(running(host), how + ": the host " + host + " still runs");
        }
    }

    /** Whether a process runs (a zombie waiting to be reaped does not). */
    private static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
                return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    @Test
    void isolationParametersAreChecked() throws IOException {
        TwinModel m = lagModel("container", null, 1);
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.builder(m).behaviours(registry()).build());
        assertTrue(e.getMessage().contains("parameter 'isolation' = 'container': use process"), e.getMessage());
        TwinModel t = lagModel(null, null, 1);
        param(t.getComponents().get(1), "callTimeout", "5");
        e = assertThrows(SimulationException.class, () -> Simulation.builder(t).behaviours(registry()).build());
        assertTrue(e.getMessage().contains("parameter 'callTimeout' needs isolation = process"), e.getMessage());
        TwinModel z = lagModel("process", null, 1);
        param(z.getComponents().get(1), "callTimeout", "-1");
        e = assertThrows(SimulationException.class, () -> Simulation.builder(z).behaviours(registry()).build());
        assertTrue(e.getMessage().contains("parameter 'callTimeout' = '-1'"), e.getMessage());
    }
}
