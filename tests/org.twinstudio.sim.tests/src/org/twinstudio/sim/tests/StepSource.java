package org.twinstudio.sim.tests;

import static org.twinstudio.model.DataType.REAL;

import java.util.Collection;
import java.util.List;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeProvider;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.BehaviourRegistry;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * A test-only component type {@code step}: output {@code y} (unit kW for {@code step}, degC for {@code stepT}) is
 * {@code before} until time {@code at}, {@code after} from then on. Registered the way a third party would.
 */
final class StepSource implements ComponentTypeProvider, ComponentBehaviourProvider {

    private final String id;
    private final String unit;

    StepSource(String id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    static final StepSource POWER = new StepSource("step", "kW");
    static final StepSource TEMPERATURE = new StepSource("stepT", "degC");

    static ComponentTypeRegistry types() {
        return new ComponentTypeRegistry(List.of(new BuiltinComponentTypes(), POWER, TEMPERATURE));
    }

    static BehaviourRegistry behaviours() {
        BehaviourRegistry r = BehaviourRegistry.builtins();
        r.register(POWER);
        r.register(TEMPERATURE);
        return r;
    }

    @Override
    public Collection<ComponentTypeDescriptor> componentTypes() {
        return List.of(ComponentTypeDescriptor.builder(id).label("Step " + unit).category("Test").description("step")
                .parameter("before", REAL, "", "0", "value before")
                .parameter("after", REAL, "", "1", "value after")
                .parameter("at", REAL, "s", "0", "step time")
                .output("y", REAL, unit, null, "output").build());
    }

    @Override
    public String typeId() {
        return id;
    }

    @Override
    public ComponentBehaviour create(BehaviourContext ctx) {
        double before = ctx.parameter("before");
        double after = ctx.parameter("after");
        double at = ctx.parameter("at");
        return new ComponentBehaviour() {
            @Override
            public boolean directFeedthrough(int outputIndex) {
                return false;
            }

            @Override
            public void outputs(double time, double[] in, double[] x, double[] out) {
                out[0] = time >= at ? after : before;
            }
        };
    }
}
