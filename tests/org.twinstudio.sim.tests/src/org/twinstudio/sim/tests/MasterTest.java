package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.connect;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.BehaviourRegistry;
import org.twinstudio.sim.CsvResultWriter;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/** The master: building, ordering, loop and NaN reporting, determinism, results. */
class MasterTest {

    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin");

    /** Two PI controllers measuring each other form a loop of feedthrough outputs: solved by iteration. */
    @Test
    void aLoopOfFeedthroughComponentsIsSolvedNotRefused() throws SimulationException {
        TwinModel m = model();
        Component a = add(m, "pid", "a");
        Component b = add(m, "pid", "b");
        add(m, "tank", "tank");
        connect(m, a, "output", b, "measurement");
        connect(m, b, "output", a, "measurement");
        Simulation sim = Simulation.builder(m).build();
        assertEquals(1, sim.algebraicLoops().size());
        assertTrue(sim.algebraicLoops().get(0).contains("a.output -> b.measurement"), sim.algebraicLoops().get(0));
        assertFalse(sim.algebraicLoops().get(0).contains("tank"), sim.algebraicLoops().get(0));
        assertEquals(List.of(java.util.Set.of("a.output -> b.measurement", "b.output -> a.measurement")),
                sim.algebraicLoopConnections().stream().map(java.util.Set::copyOf).toList());
    }

    @Test
    void aLoopThroughAStateIsNoAlgebraicLoop() throws SimulationException {
        TwinModel m = model();
        Component pid = add(m, "pid", "pid");
        Component valve = add(m, "valve", "valve");
        connect(m, pid, "output", valve, "open");
        connect(m, valve, "position", pid, "measurement");
        Simulation sim = Simulation.builder(m).build();
        assertEquals(List.of("valve", "pid"), sim.evaluationOrder());
    }

    @Test
    void nanNamesComponentPortAndTime() {
        TwinModel m = model();
        Component bad = add(m, "step", "bad");
        param(bad, "before", "1", "");
        param(bad, "after", "NaN", "");
        param(bad, "at", "2.5", "s");
        SimulationException e = assertThrows(SimulationException.class, () -> Simulation.builder(m).stopTime(5)
                .stepSize(0.5).types(StepSource.types()).behaviours(StepSource.behaviours()).build().run());
        assertEquals(SimulationException.Kind.RUNTIME, e.kind());
        assertEquals("component 'bad' (step) produced NaN on output 'y' at t = 2.5 s", e.getMessage());
    }

    @Test
    void unknownTypeAndMissingBehaviourAreModelErrors() {
        TwinModel m = model();
        add(m, "fmu", "plant");
        Component odd = add(m, "tank", "odd");
        odd.setType("boiler");
        SimulationException e = assertThrows(SimulationException.class, () -> Simulation.builder(m).build());
        assertEquals(SimulationException.Kind.MODEL, e.kind());
        assertTrue(e.getMessage().contains("component 'plant': no simulation behaviour for type 'fmu'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("component 'odd': unknown component type 'boiler'"), e.getMessage());
    }

    @Test
    void aModelWithValidationErrorsIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.twin");
        String text = Files.readString(HEATING_LINE).replace("target=\"tank.inflow\"", "target=\"tank.nowhere\"");
        Files.writeString(file, text);
        SimulationException e = assertThrows(SimulationException.class, () -> Simulation.builder(file));
        assertEquals(SimulationException.Kind.MODEL, e.kind());
        assertTrue(e.getMessage().startsWith("the model has validation errors"), e.getMessage());
    }

    @Test
    void runsRepeatBitForBitAndTheSeedMatters() throws SimulationException {
        SimulationResult first = Simulation.builder(HEATING_LINE).stopTime(120).build().run();
        SimulationResult second = Simulation.builder(HEATING_LINE).stopTime(120).build().run();
        SimulationResult otherSeed = Simulation.builder(HEATING_LINE).stopTime(120).seed(7).build().run();
        for (int c = 0; c < first.signals().size(); c++) {
            String name = first.signals().get(c).name();
            assertArrayEquals(first.series(name), second.series(name), 0.0, name);
        }
        assertFalse(Arrays.equals(first.series("sensorT.value"), otherSeed.series("sensorT.value")));
        double[] noise = first.series("sensorT.value");
        assertTrue(Arrays.stream(noise).distinct().count() > 100, "the temperature sensor is noisy");
    }

    @Test
    void aSimulationRunsOnce() throws SimulationException {
        Simulation sim = Simulation.builder(HEATING_LINE).stopTime(1).build();
        sim.run();
        assertThrows(IllegalStateException.class, sim::run);
    }

    @Test
    void listenersSeeEveryStep() throws SimulationException {
        AtomicLong calls = new AtomicLong();
        double[] lastTime = new double[1];
        Simulation.builder(HEATING_LINE).stopTime(10).listener((step, time, values) -> {
            calls.incrementAndGet();
            lastTime[0] = time;
        }).build().run();
        assertEquals(101, calls.get());
        assertEquals(10, lastTime[0], 1e-12);
    }

    @Test
    void csvHasOneColumnPerSignalAndOneRowPerStep(@TempDir Path dir) throws Exception {
        SimulationResult r = Simulation.builder(HEATING_LINE).stopTime(1).stepSize(0.25).solver(Solver.EULER)
                .build().run();
        Path csv = dir.resolve("out.csv");
        CsvResultWriter.write(r, csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(6, lines.size());
        String header = lines.get(0);
        assertTrue(header.startsWith("time [s],inletValve.position [%],inletValve.flow [m3/s],tank.temperature [degC],"),
                header);
        assertTrue(header.contains(",controller.setpoint [degC]"), header);
        String[] columns = header.split(",");
        assertEquals(r.signals().size() + 1, columns.length);
        String[] last = lines.get(5).split(",");
        assertEquals(columns.length, last.length);
        assertEquals(1.0, Double.parseDouble(last[0]));
        int t = r.column("tank.temperature") + 1;
        assertEquals(r.finalValue("tank.temperature"), Double.parseDouble(last[t]), 0.0);
    }

    /** Streaming while the run goes writes exactly what writing the finished result does. */
    @Test
    void streamedCsvEqualsTheWrittenResult(@TempDir Path dir) throws Exception {
        Path streamed = dir.resolve("streamed.csv");
        Path written = dir.resolve("written.csv");
        CsvResultWriter.Streaming stream = CsvResultWriter.streaming(streamed);
        Simulation sim = Simulation.builder(HEATING_LINE).stopTime(30).stepSize(0.1).listener(stream).build();
        stream.begin(sim.signals());
        SimulationResult r = sim.run();
        stream.commit();
        CsvResultWriter.write(r, written);
        assertEquals(301, stream.rows());
        assertEquals(Files.readString(written), Files.readString(streamed));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void defaultRegistryHasEveryBuiltinTypeButFmu() {
        for (String type : List.of("heater", "tank", "valve", "pump", "motor", "temperatureSensor", "levelSensor",
                "pressureSensor", "pid", "flowSensor", "table", "dcMotor", "conveyor", "controlValve",
                "centrifugalPump")) {
            assertTrue(BehaviourRegistry.getDefault().find(type).isPresent(), type);
        }
        assertFalse(BehaviourRegistry.getDefault().find("fmu").isPresent());
    }
}
