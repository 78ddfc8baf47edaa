package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.SimulationFixtures.port;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.twinstudio.model.AlertCondition;
import org.twinstudio.model.AlertRule;
import org.twinstudio.model.Component;
import org.twinstudio.model.Severity;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.sim.Signal;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.alerts.AlertEvaluator;
import org.twinstudio.sim.alerts.AlertEvent;

/**
 * Alert rules on a triangle signal from a linear table: y = 10·t degC for t ≤ 10 s, y = 100 − 10·(t − 10) degC for
 * 10 ≤ t ≤ 20 s, sampled every 0.25 s (exact in binary). Thresholds sit between grid values so that every expected
 * time below follows from solving y(t) = threshold and rounding up to the next grid point.
 */
class AlertEvaluatorTest {

    static final double H = 0.25;

    private static TwinModel triangle() {
        TwinModel m = model();
        Component tri = add(m, "table", "tri");
        param(tri, "table", "0:0, 10:100, 20:0", "");
        port(tri, "y").setUnit("degC");
        return m;
    }

    private static AlertRule rule(TwinModel m, String name, AlertCondition condition, double threshold, String unit,
            double delay, double hysteresis) {
        AlertRule r = TwinFactory.eINSTANCE.createAlertRule();
        r.setName(name);
        r.setSignal(port(m.getComponents().get(0), "y"));
        r.setCondition(condition);
        r.setThreshold(threshold);
        r.setUnit(unit);
        r.setSeverity(Severity.ALARM);
        r.setDelay(delay);
        r.setHysteresis(hysteresis);
        r.setMessage(name + " message");
        m.getAlertRules().add(r);
        return r;
    }

    /** Runs the model to 20 s with the evaluator listening; returns it. */
    private static AlertEvaluator run(TwinModel m) throws Exception {
        AlertEvaluator alerts = AlertEvaluator.of(m);
        Simulation sim = Simulation.builder(m).stopTime(20).stepSize(H).solver(Solver.RK4).listener(alerts).build();
        alerts.bind(sim.signals());
        sim.run();
        return alerts;
    }

    private static List<String> trace(AlertEvaluator alerts, String rule) {
        List<String> out = new ArrayList<>();
        for (AlertEvent e : alerts.events()) {
            if (e.rule().equals(rule)) {
                out.add(e.kind() + "@" + e.time());
            }
        }
        return out;
    }

    @Test
    void aboveWithDelayAndHysteresis() throws Exception {
        TwinModel m = triangle();
        // holds from y > 50.1: t > 5.01, first sample 5.25; 2 s delay: raised at 7.25.
        // clears at y <= 50.1 - 4.9 = 45.2: 100 - 10 (t - 10) <= 45.2, t >= 15.48, sample 15.5.
        rule(m, "hot", AlertCondition.ABOVE, 50.1, "degC", 2, 4.9);
        AlertEvaluator alerts = run(m);
        assertEquals(List.of("RAISED@7.25", "CLEARED@15.5"), trace(alerts, "hot"));
        AlertEvent raised = alerts.events().get(0);
        assertEquals(72.5, raised.value(), 1e-9);
        assertEquals(Severity.ALARM, raised.severity());
        assertEquals("hot message", raised.message());
        assertFalse(alerts.isActive("hot"));
        assertTrue(alerts.problems().isEmpty());
    }

    @Test
    void thresholdInAnotherUnitIsConverted() throws Exception {
        TwinModel m = triangle();
        rule(m, "hotK", AlertCondition.ABOVE, 50.1 + 273.15, "K", 2, 4.9); // the same rule in kelvin
        AlertEvaluator alerts = run(m);
        assertEquals(List.of("RAISED@7.25", "CLEARED@15.5"), trace(alerts, "hotK"), alerts.problems().toString());
        assertEquals(72.5 + 273.15, alerts.events().get(0).value(), 1e-9);
    }

    @Test
    void belowRaisesAtTheStartAndAgainOnTheWayDown() throws Exception {
        TwinModel m = triangle();
        // y < 20 at t = 0 (raised at once); clears at y >= 20.1 (t >= 2.01: 2.25); raised again at y < 20:
        // 100 - 10 (t - 10) < 20, t > 18: 18.25
        rule(m, "cold", AlertCondition.BELOW, 20, "degC", 0, 0.1);
        AlertEvaluator alerts = run(m);
        assertEquals(List.of("RAISED@0.0", "CLEARED@2.25", "RAISED@18.25"), trace(alerts, "cold"));
        assertTrue(alerts.isActive("cold"));
        assertEquals(List.of("cold"), alerts.activeAlerts());
    }

    @Test
    void outsideRangeClearsInsideTheNarrowedBand() throws Exception {
        TwinModel m = triangle();
        AlertRule r = rule(m, "band", AlertCondition.OUTSIDE_RANGE, 0, "degC", 0, 1);
        r.setLow(10);
        r.setHigh(90);
        // outside at t = 0; clears in 11..89: t >= 1.1 (1.25); above 90: t > 9 (9.25); clears at y <= 89:
        // t >= 11.1 (11.25); below 10: t > 19 (19.25)
        AlertEvaluator alerts = run(m);
        assertEquals(List.of("RAISED@0.0", "CLEARED@1.25", "RAISED@9.25", "CLEARED@11.25", "RAISED@19.25"),
                trace(alerts, "band"));
    }

    @Test
    void delayRestartsWhenTheConditionLapses() throws Exception {
        TwinModel m = triangle();
        // y > 95 at the samples 9.75, 10.0, 10.25 only: held for 0.5 s
        rule(m, "peakSlow", AlertCondition.ABOVE, 95, "degC", 1, 0);
        rule(m, "peakFast", AlertCondition.ABOVE, 95, "degC", 0.5, 0);
        AlertEvaluator alerts = run(m);
        assertEquals(List.of(), trace(alerts, "peakSlow"));
        // raised at 9.75 + 0.5; clears at the first sample with y <= 95: t = 10.5
        assertEquals(List.of("RAISED@10.25", "CLEARED@10.5"), trace(alerts, "peakFast"));
    }

    @Test
    void rateOfChangeInTheRulesUnit() throws Exception {
        TwinModel m = triangle();
        // the rate is 10 degC/s = 600 degC/min from the second sample (0.25) on; -10 degC/s after the peak, first
        // seen at 10.25 (from 100 at 10.0 to 97.5)
        rule(m, "fastPerSecond", AlertCondition.RATE_OF_CHANGE_ABOVE, 5, "degC/s", 0, 0);
        rule(m, "fastPerMinute", AlertCondition.RATE_OF_CHANGE_ABOVE, 590, "degC/min", 0, 0);
        rule(m, "tooFastPerMinute", AlertCondition.RATE_OF_CHANGE_ABOVE, 610, "K/min", 0, 0);
        AlertEvaluator alerts = run(m);
        assertEquals(List.of("RAISED@0.25", "CLEARED@10.25"), trace(alerts, "fastPerSecond"));
        assertEquals(List.of("RAISED@0.25", "CLEARED@10.25"), trace(alerts, "fastPerMinute"));
        assertEquals(List.of(), trace(alerts, "tooFastPerMinute"));
        assertEquals(600, alerts.events().stream().filter(e -> e.rule().equals("fastPerMinute")).findFirst()
                .orElseThrow().value(), 1e-6);
    }

    @Test
    void rulesThatCannotBeEvaluatedAreListedAndNeverRaise() throws Exception {
        TwinModel m = triangle();
        rule(m, "wrongUnit", AlertCondition.ABOVE, 1, "m", 0, 0);
        rule(m, "anomaly", AlertCondition.ANOMALY_SCORE_ABOVE, 1, "", 0, 0);
        AlertRule negative = rule(m, "negativeDelay", AlertCondition.ABOVE, 1, "degC", 0, 0);
        negative.setDelay(-1);
        AlertEvaluator alerts = run(m);
        Map<String, String> problems = alerts.problems();
        assertEquals("alert rule 'wrongUnit': unit 'm' does not fit the signal 'tri.y' [degC]",
                problems.get("wrongUnit"));
        assertEquals("alert rule 'anomaly': condition 'anomalyScoreAbove' is not evaluated yet", problems.get("anomaly"));
        assertEquals("alert rule 'negativeDelay': negative delay -1.0", problems.get("negativeDelay"));
        assertTrue(alerts.events().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> alerts.isActive("wrongUnit"));
        assertEquals(problems.get("wrongUnit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> alerts.isActive("nope"));
        assertEquals("no alert rule 'nope' (alert rules: wrongUnit, anomaly, negativeDelay)", e.getMessage());
    }

    @Test
    void fedByUpdateFromAnySource() {
        TwinModel m = triangle();
        rule(m, "hot", AlertCondition.ABOVE, 50, "degC", 1, 0);
        AlertEvaluator alerts = AlertEvaluator.of(m).bind(List.of(new Signal("tri", "y", "K")));
        List<AlertEvent> seen = new ArrayList<>();
        alerts.addListener(seen::add);
        double[] kelvin = { 320, 324, 324, 324, 322 }; // 46.85, 50.85 ×3, 48.85 degC at t = 0, 0.5, 1, 1.5, 2
        for (int i = 0; i < kelvin.length; i++) {
            double v = kelvin[i];
            alerts.update(i * 0.5, name -> v);
        }
        assertEquals(List.of("RAISED@1.5", "CLEARED@2.0"), trace(alerts, "hot"));
        assertEquals(alerts.events(), seen);
    }

    @Test
    void samplesBeforeBindingAreRefused() {
        AlertEvaluator alerts = AlertEvaluator.of(triangle());
        assertThrows(IllegalStateException.class, () -> alerts.update(0, n -> 0));
    }

    @Test
    void heatingLineRulesAllBindOnASession() throws Exception {
        Path file = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath().normalize();
        TwinModel m = TwinModels.load(file).model();
        AlertEvaluator alerts = AlertEvaluator.of(m);
        Simulation sim = Simulation.builder(file).listener(alerts).build();
        alerts.bind(sim.signals());
        assertEquals(List.of("overtemp", "lowLevel", "heatingRate"), alerts.ruleNames());
        assertTrue(alerts.problems().isEmpty(), alerts.problems().toString());
        try (Simulation.Session s = sim.start()) {
            s.advanceTo(600);
            // the tank starts at 18 degC and warms by about 1.7 K/min: far from every threshold in 10 min
            assertEquals(List.of(), alerts.activeAlerts());
            assertTrue(alerts.events().isEmpty());
        }
    }
}
