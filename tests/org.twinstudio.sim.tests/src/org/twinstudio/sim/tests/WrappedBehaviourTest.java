package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.BehaviourRegistry;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationEvent;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.sim.faults.Fault;

/**
 * Every component's behaviour runs inside the fault wrapper: a behaviour of a type with ports taken from the model
 * (like an FMU) still gets its events, step hook and close through it, and faults apply to its model-declared ports.
 */
class WrappedBehaviourTest {

    /**
     * x' = u (u = 4 from the model port's start), y = x; indicator x − 2.5 (state event at 0.625 s, counted);
     * time event at 1.5 s resets x to 0; counts step hooks; remembers close.
     */
    static final class Integrator implements ComponentBehaviour {
        final int in;
        final int out;
        int stateEvents;
        int hooks;
        boolean closed;

        Integrator(BehaviourContext c) {
            in = c.inputIndex("u");
            out = c.outputIndex("y");
        }

        @Override
        public List<String> stateNames() {
            return List.of("x");
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void initialize(double[] inputs, double[] states) {
            states[0] = 0;
        }

        @Override
        public void outputs(double time, double[] inputs, double[] states, double[] outputs) {
            outputs[out] = states[0];
        }

        @Override
        public void derivatives(double time, double[] inputs, double[] states, double[] derivatives) {
            derivatives[0] = inputs[in];
        }

        @Override
        public int eventIndicatorCount() {
            return 1;
        }

        @Override
        public void eventIndicators(double time, double[] inputs, double[] states, double[] indicators) {
            indicators[0] = states[0] - 2.5;
        }

        @Override
        public double nextTimeEvent(double time) {
            return time < 1.5 ? 1.5 : Double.POSITIVE_INFINITY;
        }

        @Override
        public boolean handleEvent(double time, double[] inputs, double[] states) {
            if (time == 1.5 && states[0] != 0) {
                states[0] = 0;
                return true;
            }
            if (Math.abs(states[0] - 2.5) < 1e-6) {
                stateEvents++;
            }
            return false;
        }

        @Override
        public void stepCompleted(double time, double[] inputs, double[] states) {
            hooks++;
        }

        @Override
        public boolean stepCompletedUpdatesHeldValues() {
            return false;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aModelPortedBehaviourGetsItsEventsHooksAndCloseThroughTheWrapper() throws SimulationException {
        TwinModel m = SimulationFixtures.model();
        Component c = StepSource.types().find(BuiltinComponentTypes.FMU).orElseThrow().instantiate("unit");
        m.getComponents().add(c);
        c.getPorts().add(port("u", PortDirection.IN, "4"));
        c.getPorts().add(port("y", PortDirection.OUT, null));
        Integrator[] made = new Integrator[1];
        BehaviourRegistry behaviours = BehaviourRegistry.builtins();
        behaviours.register(new ComponentBehaviourProvider() {
            @Override
            public String typeId() {
                return BuiltinComponentTypes.FMU;
            }

            @Override
            public ComponentBehaviour create(BehaviourContext context) {
                return made[0] = new Integrator(context);
            }
        });
        Simulation sim = Simulation.builder(m).behaviours(behaviours).solver(Solver.EULER).stepSize(0.25).stopTime(2)
                .build();
        sim.faults().inject(Fault.offset("unit.y", 1).at(1.75));
        SimulationResult r = sim.run();
        Integrator b = made[0];
        List<SimulationEvent> events = r.events();
        assertEquals(3, events.size(), events.toString());
        assertEquals(SimulationEvent.Kind.STATE, events.get(0).kind());
        assertEquals(0.625, events.get(0).time(), 1e-9);
        assertEquals(1, b.stateEvents, "the located crossing reached the behaviour");
        assertEquals(SimulationEvent.Kind.TIME, events.get(1).kind());
        assertEquals(1.5, events.get(1).time(), 0);
        assertEquals(1.75, events.get(2).time(), 0, "the fault's start");
        assertEquals(r.steps(), b.hooks, "one hook per accepted step");
        assertTrue(b.closed);
        double[] y = r.series("unit.y");
        assertEquals(4 * 1.25, y[5], 1e-12);
        assertEquals(0, y[6], 0, "reset by the time event at 1.5 s");
        assertEquals(4 * 0.25 + 1, y[7], 1e-12, "offset on the model-declared port from 1.75 s");
        assertEquals(4 * 0.5 + 1, y[8], 1e-12);
    }

    private static Port port(String name, PortDirection direction, String start) {
        Port p = TwinFactory.eINSTANCE.createPort();
        p.setName(name);
        p.setDirection(direction);
        p.setDataType(DataType.REAL);
        p.setUnit("");
        p.setStart(start);
        return p;
    }
}
