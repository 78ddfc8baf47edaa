package org.twinstudio.fmi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.fmi.Fmu;
import org.twinstudio.fmi.sim.FmuBehaviourProvider;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.BehaviourRegistry;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationEvent;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/** FMUs as components of a twin model, run by the simulation master and called directly. */
class FmuComponentTest {

    @TempDir
    Path dir;

    private static Component add(TwinModel model, String type, String name) {
        Component c = ComponentTypeRegistry.getDefault().find(type).orElseThrow().instantiate(name);
        model.getComponents().add(c);
        return c;
    }

    private static void param(Component c, String name, String value) {
        for (Parameter p : c.getParameters()) {
            if (p.getName().equals(name)) {
                p.setValue(value);
                return;
            }
        }
        Parameter p = TwinFactory.eINSTANCE.createParameter();
        p.setName(name);
        p.setValue(value);
        p.setUnit("");
        c.getParameters().add(p);
    }

    private static Port port(Component c, String name, PortDirection direction) {
        Port p = TwinFactory.eINSTANCE.createPort();
        p.setName(name);
        p.setDirection(direction);
        p.setDataType(DataType.REAL);
        p.setUnit("");
        c.getPorts().add(p);
        return p;
    }

    private static Port portOf(Component c, String name) {
        return c.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    private static void connect(TwinModel m, Port from, Port to) {
        Connection con = TwinFactory.eINSTANCE.createConnection();
        con.setSource(from);
        con.setTarget(to);
        m.getConnections().add(con);
    }

    private static BehaviourRegistry registry() {
        BehaviourRegistry r = BehaviourRegistry.builtins();
        r.register(new FmuBehaviourProvider());
        return r;
    }

    /** constant(value) → lag FMU (tau) → output y. */
    private TwinModel lagModel(String interfaceKind, double tau) throws IOException {
        TwinModel m = TwinModels.createModel("lagtest");
        Component source = add(m, "constant", "source");
        param(source, "value", "1");
        Component lag = add(m, "fmu", "lag");
        param(lag, "fmu", TestFmus.fmu(dir, "lag").toString());
        param(lag, "tau", Double.toString(tau));
        if (interfaceKind != null) {
            param(lag, "interface", interfaceKind);
        }
        Port u = port(lag, "u", PortDirection.IN);
        port(lag, "y", PortDirection.OUT);
        connect(m, portOf(source, "y"), u);
        return m;
    }

    @Test
    void lagCoSimulationInTheMaster() throws Exception {
        double tau = 0.8;
        SimulationResult r = Simulation.builder(lagModel(null, tau)).behaviours(registry()).stepSize(0.05)
                .stopTime(4).solver(Solver.RK4).build().run();
        double[] y = r.series("lag.y");
        double[] t = r.times();
        // The source is 1 from t = 0 and the FMU holds it over each step: the exact step response at every point.
        for (int k = 0; k < t.length; k++) {
            assertEquals(1 - Math.exp(-t[k] / tau), y[k], 1e-12, "y at t = " + t[k]);
        }
    }

    @Test
    void lagModelExchangeInTheMasterWithRk4() throws Exception {
        double tau = 0.8;
        SimulationResult r = Simulation.builder(lagModel("model-exchange", tau)).behaviours(registry())
                .stepSize(0.05).stopTime(4).solver(Solver.RK4).build().run();
        double[] y = r.series("lag.y");
        double[] t = r.times();
        double worst = 0;
        for (int k = 0; k < t.length; k++) {
            worst = Math.max(worst, Math.abs(y[k] - (1 - Math.exp(-t[k] / tau))));
        }
        // RK4's global error for this problem with h/tau = 1/16 is about 1e-7.
        assertTrue(worst < 1e-6, "max error " + worst);
        assertTrue(worst > 0, "integrated by the master, not exact");
    }

    @Test
    void feedthroughAnswersOneCommunicationStepLateInCoSimulationAndAtOnceInModelExchange() throws Exception {
        for (String kind : List.of("co-simulation", "model-exchange")) {
            TwinModel m = TwinModels.createModel("ft");
            Component ramp = add(m, "ramp", "ramp");
            Component gain = add(m, "fmu", "gain");
            param(gain, "fmu", TestFmus.fmu(dir, "feedthrough").toString());
            param(gain, "k", "3");
            param(gain, "interface", kind);
            connect(m, portOf(ramp, "y"), port(gain, "u", PortDirection.IN));
            port(gain, "y", PortDirection.OUT);
            Port positive = port(gain, "positive", PortDirection.OUT);
            positive.setDataType(DataType.BOOLEAN);
            SimulationResult r = Simulation.builder(m).behaviours(registry()).stepSize(0.1).stopTime(2).build().run();
            double[] u = r.series("ramp.y");
            double[] y = r.series("gain.y");
            boolean late = kind.equals("co-simulation");
            for (int k = 1; k < u.length; k++) {
                assertEquals(3 * (late ? u[k - 1] : u[k]), y[k], 1e-12, kind + " step " + k);
            }
            assertEquals(u[u.length - 1] > 0 ? 1.0 : 0.0, r.finalValue("gain.positive"));
        }
    }

    @Test
    void bouncingBallEventLocatedByCallingTheBehaviour() throws Exception {
        TwinModel m = TwinModels.createModel("ball");
        Component ball = add(m, "fmu", "ball");
        param(ball, "fmu", TestFmus.fmu(dir, "bouncingball").toString());
        param(ball, "e", "0.5");
        port(ball, "height", PortDirection.OUT);
        Simulation.builder(m).behaviours(registry()).build(); // validates ports and parameters
        ComponentBehaviour b = new FmuBehaviourProvider().create(new Context(ball, 0, 1));
        try {
            assertEquals(List.of("h", "v"), b.stateNames());
            assertEquals(1, b.eventIndicatorCount());
            double[] x = new double[2];
            double[] none = new double[0];
            b.initialize(none, x);
            assertEquals(1.0, x[0]);
            double g = 9.81;
            // Integrate dh/dt = v, dv/dt = -g exactly enough with RK4 (exact for this polynomial) until z changes sign.
            double h = 0.01;
            double t = 0;
            double[] z = new double[1];
            double[] dx = new double[2];
            double[] xn = new double[2];
            while (true) {
                rk4(b, t, x, h, xn, dx);
                b.eventIndicators(t + h, none, xn, z);
                if (z[0] <= 0) {
                    break;
                }
                System.arraycopy(xn, 0, x, 0, 2);
                t += h;
                b.stepCompleted(t, none, x);
            }
            // Bisection on the step for z = 0.
            double lo = 0;
            double hi = h;
            for (int i = 0; i < 60; i++) {
                double mid = (lo + hi) / 2;
                rk4(b, t, x, mid, xn, dx);
                b.eventIndicators(t + mid, none, xn, z);
                if (z[0] > 0) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double tEvent = t + hi;
            rk4(b, t, x, hi, xn, dx);
            assertEquals(Math.sqrt(2 * 1.0 / g), tEvent, 1e-9, "first contact at sqrt(2 h0 / g)");
            double vBefore = xn[1];
            assertEquals(-Math.sqrt(2 * g * 1.0), vBefore, 1e-8);
            assertTrue(b.handleEvent(tEvent, none, xn), "the bounce changes the states");
            assertEquals(0, xn[0]);
            assertEquals(-0.5 * vBefore, xn[1], 1e-12, "v := -e v");
            assertFalse(b.handleEvent(tEvent, none, xn), "nothing left to do at the same instant");
            double[] y = new double[1];
            b.outputs(tEvent, none, xn, y);
            assertEquals(0, y[0]);
            assertEquals(Double.POSITIVE_INFINITY, b.nextTimeEvent(tEvent));
            assertFalse(b.directFeedthrough(0));
        } finally {
            b.close();
        }
    }

    private static void rk4(ComponentBehaviour b, double t, double[] x, double h, double[] out, double[] dx) {
        double[] none = new double[0];
        double[] k1 = new double[2];
        double[] k2 = new double[2];
        double[] k3 = new double[2];
        double[] k4 = new double[2];
        double[] tmp = new double[2];
        b.derivatives(t, none, x, k1);
        for (int i = 0; i < 2; i++) tmp[i] = x[i] + h / 2 * k1[i];
        b.derivatives(t + h / 2, none, tmp, k2);
        for (int i = 0; i < 2; i++) tmp[i] = x[i] + h / 2 * k2[i];
        b.derivatives(t + h / 2, none, tmp, k3);
        for (int i = 0; i < 2; i++) tmp[i] = x[i] + h * k3[i];
        b.derivatives(t + h, none, tmp, k4);
        for (int i = 0; i < 2; i++) out[i] = x[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        System.arraycopy(k1, 0, dx, 0, 2);
    }

    @Test
    void bouncingBallThroughTheMasterBouncesAtTheLocatedContact() throws Exception {
        for (Solver solver : List.of(Solver.RK4, Solver.DOPRI5)) {
            TwinModel m = TwinModels.createModel("ball");
            Component ball = add(m, "fmu", "ball");
            param(ball, "fmu", TestFmus.fmu(dir, "bouncingball").toString());
            param(ball, "interface", "model-exchange");
            port(ball, "height", PortDirection.OUT);
            Port bounces = port(ball, "bounces", PortDirection.OUT);
            bounces.setDataType(DataType.INTEGER);
            SimulationResult r = Simulation.builder(m).behaviours(registry()).stepSize(0.01).stopTime(1.5)
                    .solver(solver).build().run();
            // Dropped from 1 m at rest: contact at t1 = sqrt(2 h0 / g); it leaves with e·sqrt(2 g h0) and is back
            // after 2 e sqrt(2 h0 / g), i.e. at t1 (1 + 2 e) with e = 0.7.
            double t1 = Math.sqrt(2 * 1.0 / 9.81);
            double t2 = t1 * (1 + 2 * 0.7);
            List<SimulationEvent> events = r.events();
            assertEquals(2, events.size(), solver + ": " + events);
            for (SimulationEvent e : events) {
                assertEquals(SimulationEvent.Kind.STATE, e.kind());
                assertEquals(List.of("ball"), e.components());
            }
            assertEquals(t1, events.get(0).time(), 1e-6, solver + ": first contact at sqrt(2 h0 / g)");
            assertEquals(t2, events.get(1).time(), 1e-6, solver + ": second contact at t1 (1 + 2 e)");
            assertEquals(2, r.eventCount(), solver + ": each contact handled once");
            assertEquals(2.0, r.finalValue("ball.bounces"), solver + ": each bounce counted once by the FMU");
            double[] count = r.series("ball.bounces");
            double[] height = r.series("ball.height");
            double[] t = r.times();
            for (int k = 0; k < t.length; k++) {
                assertEquals(t[k] < t1 ? 0 : t[k] < t2 ? 1 : 2, count[k], solver + ": bounces at t = " + t[k]);
                // Exact flight parabolas (RK4 and dopri5 integrate this quadratic without truncation error).
                double expected = t[k] < t1 ? 1 - 9.81 / 2 * t[k] * t[k]
                        : t[k] < t2 ? 0.7 * Math.sqrt(2 * 9.81) * (t[k] - t1) - 9.81 / 2 * (t[k] - t1) * (t[k] - t1)
                        : 0.49 * Math.sqrt(2 * 9.81) * (t[k] - t2) - 9.81 / 2 * (t[k] - t2) * (t[k] - t2);
                assertEquals(expected, height[k], 1e-5, solver + ": height at t = " + t[k]);
            }
        }
    }

    @Test
    void aSessionLeavesNoNativeInstanceBehind() throws Exception {
        int before = Fmu.liveInstances();
        TwinModel m = lagModel("model-exchange", 0.5);
        Component second = add(m, "fmu", "lag2");
        param(second, "fmu", TestFmus.fmu(dir, "lag").toString());
        connect(m, portOf(m.getComponents().get(1), "y"), port(second, "u", PortDirection.IN));
        port(second, "y", PortDirection.OUT);
        Simulation.Session session = Simulation.builder(m).behaviours(registry()).stepSize(0.01).stopTime(1).build()
                .start();
        try {
            assertEquals(before + 2, Fmu.liveInstances(), "one native instance per FMU component while running");
            session.advanceTo(0.5);
        } finally {
            session.close();
        }
        assertEquals(before, Fmu.liveInstances(), "closing the session frees them, without waiting for the GC");
        Simulation.builder(m).behaviours(registry()).stepSize(0.01).stopTime(1).build().run();
        assertEquals(before, Fmu.liveInstances(), "run() closes its session");
        // A run that fails (the failing FMU's doStep at t = 0.6 s) frees every instance too.
        TwinModel failing = lagModel(null, 0.5);
        Component divider = add(failing, "fmu", "divider");
        param(divider, "fmu", TestFmus.fmu(dir, "failing").toString());
        port(divider, "y", PortDirection.OUT);
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.builder(failing).behaviours(registry()).stepSize(0.1).stopTime(1).build().run());
        assertTrue(e.getMessage().contains("component 'divider'"), e.getMessage());
        assertEquals(before, Fmu.liveInstances());
    }

    @Test
    void timeEventsAreAnnouncedAndHandled() throws Exception {
        TwinModel m = TwinModels.createModel("clock");
        Component clock = add(m, "fmu", "clock");
        param(clock, "fmu", TestFmus.fmu(dir, "clock").toString());
        param(clock, "period", "0.3");
        Port ticks = port(clock, "ticks", PortDirection.OUT);
        ticks.setDataType(DataType.INTEGER);
        port(clock, "phase", PortDirection.OUT);
        Simulation.builder(m).behaviours(registry()).build();
        ComponentBehaviour b = new FmuBehaviourProvider().create(new Context(clock, 0, 2));
        try {
            double[] none = new double[0];
            double[] y = new double[2];
            b.initialize(none, none);
            assertEquals(0.3, b.nextTimeEvent(0), 1e-15, "the first tick, from the parameter");
            b.outputs(0.29, none, none, y);
            assertEquals(0, y[0]);
            assertEquals(0.29, y[1], 1e-15);
            assertTrue(b.handleEvent(0.3, none, none), "the tick changes an output");
            b.outputs(0.3, none, none, y);
            assertEquals(1, y[0]);
            assertEquals(0, y[1], 1e-12);
            assertEquals(0.6, b.nextTimeEvent(0.3), 1e-12);
            assertFalse(b.handleEvent(0.3, none, none), "no second tick at the same instant");
        } finally {
            b.close();
        }
        for (Solver solver : List.of(Solver.EULER, Solver.RK4, Solver.DOPRI5)) {
            SimulationResult r = Simulation.builder(m).behaviours(registry()).stepSize(0.01).stopTime(1.25)
                    .solver(solver).build().run();
            // The master ends a step exactly at each announced tick, (k + 1) * period as the FMU computes it.
            List<SimulationEvent> events = r.events();
            assertEquals(4, events.size(), solver + ": " + events);
            for (int k = 0; k < 4; k++) {
                assertEquals((k + 1) * 0.3, events.get(k).time(), 0.0, solver + ": tick " + (k + 1));
                assertEquals(SimulationEvent.Kind.TIME, events.get(k).kind());
                assertEquals(List.of("clock"), events.get(k).components(), solver + ": " + events);
            }
            double[] count = r.series("clock.ticks");
            double[] phase = r.series("clock.phase");
            double[] t = r.times();
            for (int k = 0; k < t.length; k++) {
                int n = 0;
                while ((n + 1) * 0.3 <= t[k]) {
                    n++;
                }
                assertEquals(n, count[k], solver + ": ticks at t = " + t[k]);
                assertEquals(t[k] - n * 0.3, phase[k], 1e-12, solver + ": phase at t = " + t[k]);
            }
        }
    }

    /** Step response of m x'' + c x' + k x = F from rest, m = 1, c = 2, k = 100 (zeta = 0.1, w0 = 10 / s). */
    private static double oscillator(double force, double t) {
        double zeta = 0.1;
        double w0 = 10;
        double wd = w0 * Math.sqrt(1 - zeta * zeta);
        return force / 100 * (1 - Math.exp(-zeta * w0 * t)
                * (Math.cos(wd * t) + zeta / Math.sqrt(1 - zeta * zeta) * Math.sin(wd * t)));
    }

    @Test
    void oscillatorIntegratesItsSubstepsInDoStep() throws Exception {
        for (String substeps : List.of("1", "20")) {
            TwinModel m = TwinModels.createModel("osc");
            Component force = add(m, "constant", "force");
            param(force, "value", "3");
            Component osc = add(m, "fmu", "osc");
            param(osc, "fmu", TestFmus.fmu(dir, "oscillator").toString());
            param(osc, "interface", "co-simulation");
            param(osc, "substeps", substeps);
            connect(m, portOf(force, "y"), port(osc, "F", PortDirection.IN));
            port(osc, "y", PortDirection.OUT);
            SimulationResult r = Simulation.builder(m).behaviours(registry()).stepSize(0.01).stopTime(2).build().run();
            double[] y = r.series("osc.y");
            double[] t = r.times();
            double worst = 0;
            for (int k = 0; k < t.length; k++) {
                worst = Math.max(worst, Math.abs(y[k] - oscillator(3, t[k])));
            }
            // RK4's global error scales with dt^4: about 3e-6 with one substep of 10 ms, 2e-11 with 20 substeps.
            if (substeps.equals("1")) {
                assertTrue(worst < 1e-5 && worst > 1e-8, "one substep: " + worst);
            } else {
                assertTrue(worst < 1e-9, "20 substeps: " + worst);
            }
        }
    }

    @Test
    void stepEventsTheFmuAsksForAfterAStepAreHandledThereOnce() throws Exception {
        TwinModel m = TwinModels.createModel("sampler");
        Component sampler = add(m, "fmu", "sampler");
        param(sampler, "fmu", TestFmus.fmu(dir, "sampler").toString());
        param(sampler, "period", "0.255");
        port(sampler, "sample", PortDirection.OUT);
        port(sampler, "count", PortDirection.OUT).setDataType(DataType.INTEGER);
        for (Solver solver : List.of(Solver.EULER, Solver.RK4)) {
            SimulationResult r = Simulation.builder(m).behaviours(registry()).stepSize(0.01).stopTime(1.2)
                    .solver(solver).build().run();
            // Neither a time event nor a state event: the master sees none, the behaviour handles each step event
            // at the end of the first step at or past k * period, exactly once.
            assertEquals(0, r.eventCount(), solver + ": " + r.events());
            double[] count = r.series("sampler.count");
            double[] sample = r.series("sampler.sample");
            double[] t = r.times();
            double lastSample = 0;
            int n = 0;
            for (int k = 0; k < t.length; k++) {
                if ((n + 1) * 0.255 <= t[k]) {
                    n++;
                    lastSample = t[k];
                }
                assertEquals(n, count[k], solver + ": samples at t = " + t[k]);
                assertEquals(lastSample, sample[k], 0.0, solver + ": sample time at t = " + t[k]);
            }
            assertEquals(4, n, "0.26, 0.51, 0.77 and 1.02 s");
        }
    }

    @Test
    void vanDerPolReachesItsLimitCycle() throws Exception {
        for (String kind : List.of("model-exchange", "co-simulation")) {
            TwinModel m = TwinModels.createModel("vdp");
            Component vdp = add(m, "fmu", "vdp");
            param(vdp, "fmu", TestFmus.fmu(dir, "vanderpol").toString());
            param(vdp, "interface", kind);
            port(vdp, "y0", PortDirection.OUT);
            SimulationResult r = Simulation.builder(m).behaviours(registry()).stepSize(0.01).stopTime(40)
                    .solver(Solver.RK4).build().run();
            double[] x = r.series("vdp.y0");
            double[] t = r.times();
            // On the limit cycle of mu = 1 the amplitude is 2.0086 and the period 6.6633 (classic values).
            double max = 0;
            double lastUp = Double.NaN;
            double period = Double.NaN;
            for (int k = 1; k < x.length; k++) {
                if (t[k] > 20) {
                    max = Math.max(max, Math.abs(x[k]));
                }
                if (x[k - 1] < 0 && x[k] >= 0) {
                    double crossing = t[k - 1] + (t[k] - t[k - 1]) * (-x[k - 1]) / (x[k] - x[k - 1]);
                    if (!Double.isNaN(lastUp) && t[k] > 20) {
                        period = crossing - lastUp;
                    }
                    lastUp = crossing;
                }
            }
            assertEquals(2.0086, max, 2e-3, kind + " amplitude");
            assertEquals(6.6633, period, 2e-3, kind + " period");
        }
    }

    @Test
    void portsAreCheckedAgainstTheModelDescription() throws IOException {
        TwinModel m = TwinModels.createModel("bad");
        Component lag = add(m, "fmu", "lag");
        param(lag, "fmu", TestFmus.fmu(dir, "lag").toString());
        port(lag, "speed", PortDirection.OUT);
        port(lag, "x", PortDirection.OUT);
        port(lag, "y", PortDirection.IN);
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.builder(m).behaviours(registry()).build());
        String msg = e.getMessage();
        assertTrue(msg.contains("component 'lag': port 'speed' has no variable in lag.fmu (its outputs: y)"), msg);
        assertTrue(msg.contains("port 'x' is an output, but variable 'x' of lag.fmu has causality local (line 17 of its "
                + "modelDescription.xml)"), msg);
        assertTrue(msg.contains("port 'y' is an input, but variable 'y' of lag.fmu has causality output"), msg);
    }

    @Test
    void parametersAndPathsAreChecked() throws IOException {
        TwinModel m = TwinModels.createModel("bad");
        Component lag = add(m, "fmu", "lag");
        param(lag, "fmu", "missing.fmu");
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.builder(m).behaviours(registry()).build());
        assertTrue(e.getMessage().contains("component 'lag': ") && e.getMessage().contains("missing.fmu: no such file"),
                e.getMessage());
        param(lag, "fmu", TestFmus.fmu(dir, "lag").toString());
        param(lag, "tau", "slow");
        e = assertThrows(SimulationException.class, () -> Simulation.builder(m).behaviours(registry()).build());
        assertTrue(e.getMessage().contains("parameter 'tau' = 'slow' is not a Real value"), e.getMessage());
        param(lag, "tau", "1");
        param(lag, "y", "1");
        e = assertThrows(SimulationException.class, () -> Simulation.builder(m).behaviours(registry()).build());
        assertTrue(e.getMessage().contains("parameter 'y': variable of lag.fmu has causality output"), e.getMessage());
        lag.getParameters().removeIf(p -> p.getName().equals("y"));
        param(lag, "interface", "discrete");
        e = assertThrows(SimulationException.class, () -> Simulation.builder(m).behaviours(registry()).build());
        assertTrue(e.getMessage().contains("parameter 'interface' = 'discrete'"), e.getMessage());
    }

    @Test
    void theFmuPathIsRelativeToTheModelFile() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.move(TestFmus.fmu(dir, "lag"), Files.createDirectories(project.resolve("fmus")).resolve("lag.fmu"));
        TwinModel m = lagModel(null, 0.5);
        Component lag = m.getComponents().get(1);
        param(lag, "fmu", "fmus/lag.fmu");
        Path file = project.resolve("plant.twin");
        TwinModels.save(m, file);
        SimulationResult r = Simulation.builder(file).behaviours(registry()).stepSize(0.1).stopTime(1).build().run();
        assertEquals(1 - Math.exp(-1 / 0.5), r.finalValue("lag.y"), 1e-12);
    }

    @Test
    void aFailingFmuStopsTheRunWithItsMessage() throws Exception {
        TwinModel m = TwinModels.createModel("fail");
        Component f = add(m, "fmu", "divider");
        param(f, "fmu", TestFmus.fmu(dir, "failing").toString());
        port(f, "y", PortDirection.OUT);
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.builder(m).behaviours(registry()).stepSize(0.1).stopTime(1).build().run());
        assertEquals(SimulationException.Kind.RUNTIME, e.kind());
        assertTrue(e.getMessage().startsWith("component 'divider' (fmu) failed after the step at t = 0.6"),
                e.getMessage());
        assertTrue(e.getMessage().contains("division by zero in block 'divider' at t = 0.6 s (step 42)"), e.getMessage());
    }

    @Test
    void twoComponentsOfOneFmuRunSideBySide() throws Exception {
        TwinModel m = lagModel(null, 0.5);
        Component second = add(m, "fmu", "lag2");
        param(second, "fmu", TestFmus.fmu(dir, "lag").toString());
        param(second, "tau", "2");
        connect(m, portOf(m.getComponents().get(1), "y"), port(second, "u", PortDirection.IN));
        port(second, "y", PortDirection.OUT);
        SimulationResult r = Simulation.builder(m).behaviours(registry()).stepSize(0.01).stopTime(3).build().run();
        assertEquals(1 - Math.exp(-3 / 0.5), r.finalValue("lag.y"), 1e-12);
        // lag2 sees lag's output one step late and held: close to the cascade 1 - (2 e^(-t/2) - 0.5 e^(-2t)) / 1.5
        double t = 3;
        double cascade = 1 - (2 * Math.exp(-t / 2) - 0.5 * Math.exp(-t / 0.5)) / 1.5;
        assertEquals(cascade, r.finalValue("lag2.y"), 5e-3);
    }

    @Test
    void theProviderIsFoundThroughTheRegistry() {
        Optional<ComponentBehaviourProvider> p = BehaviourRegistry.getDefault().find("fmu");
        assertTrue(p.isPresent(), "registered as an OSGi service");
        assertEquals(FmuBehaviourProvider.class.getName(), p.get().getClass().getName());
    }

    /** A minimal context for calling a behaviour without the master. */
    private record Context(Component component, int inputs, int outputs) implements BehaviourContext {

        @Override
        public String componentName() {
            return component.getName();
        }

        @Override
        public double parameter(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int inputIndex(String port) {
            return index(PortDirection.IN, port);
        }

        @Override
        public int outputIndex(String port) {
            return index(PortDirection.OUT, port);
        }

        private int index(PortDirection d, String port) {
            List<Port> ports = component.getPorts().stream().filter(p -> p.getDirection() == d).toList();
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i).getName().equals(port)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public double outputStart(String port) {
            return Double.NaN;
        }

        @Override
        public String stringParameter(String name) {
            return component.getParameters().stream().filter(p -> p.getName().equals(name)).map(Parameter::getValue)
                    .findFirst().orElse(null);
        }

        @Override
        public Path modelFile() {
            return null;
        }

        @Override
        public java.util.random.RandomGenerator random() {
            return new java.util.SplittableRandom(1);
        }
    }
}
