package org.twinstudio.sim.bench;

import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.model.types.ComponentTypeRegistry;

/**
 * The benchmark plant: {@code chains} independent temperature loops of five built-in components each,
 * {@code sp<i>} (constant setpoint) → {@code pid<i>} → {@code heater<i>} → {@code tank<i>} →
 * {@code sensor<i>} (temperature sensor, fed back to the PID's measurement). 20 chains are 100 components with 100
 * states (PID integral and filtered measurement, tank level and temperature, sensor lag). Parameters vary per chain
 * so that no two loops are identical; {@link PlainPlant} computes the same equations by hand.
 */
public final class BenchmarkPlant {

    /** Chains of the standard plant: 100 components. */
    public static final int STANDARD_CHAINS = 20;
    /** Components per chain. */
    public static final int COMPONENTS_PER_CHAIN = 5;

    private BenchmarkPlant() {
    }

    // Parameters of chain i, shared with the hand-written loop.
    static double setpoint(int i) {
        return 50 + i % 5;
    }

    static double kp(int i) {
        return 12 + 0.5 * (i % 4);
    }

    static double ti(int i) {
        return 600 + 30 * i;
    }

    static double td(int i) {
        return 4;
    }

    static double maxPower(int i) {
        return 18000 + 400 * i;
    }

    static final double EFFICIENCY = 0.98;
    static final double AREA = 0.25;
    static final double HEIGHT = 2;
    static final double INITIAL_LEVEL = 0.8;
    static final double AMBIENT = 20;

    static double initialTemperature(int i) {
        return 15 + 0.25 * i;
    }

    static double heatLoss(int i) {
        return 15 + i;
    }

    static double sensorTimeConstant(int i) {
        return 3 + 0.1 * i;
    }

    /** The standard 100-component plant. */
    public static TwinModel create() {
        return create(STANDARD_CHAINS);
    }

    /** A plant of {@code chains} loops (5 components each). */
    public static TwinModel create(int chains) {
        if (chains < 1) {
            throw new IllegalArgumentException("at least one chain, not " + chains);
        }
        ComponentTypeRegistry types = ComponentTypeRegistry.getDefault();
        TwinModel m = TwinModels.createModel("benchmark_plant_" + chains);
        m.setDescription(chains + " temperature loops: constant setpoint -> PID -> heater -> tank -> sensor -> PID");
        for (int i = 0; i < chains; i++) {
            Component sp = add(m, types, BuiltinComponentTypes.CONSTANT, "sp" + i);
            set(sp, "value", setpoint(i), "degC");
            port(sp, "y").setUnit("degC");
            Component pid = add(m, types, BuiltinComponentTypes.PID, "pid" + i);
            set(pid, "kp", kp(i), "");
            set(pid, "ti", ti(i), "s");
            set(pid, "td", td(i), "s");
            port(pid, "setpoint").setUnit("degC");
            port(pid, "measurement").setUnit("degC");
            Component heater = add(m, types, BuiltinComponentTypes.HEATER, "heater" + i);
            set(heater, "maxPower", maxPower(i), "W");
            set(heater, "efficiency", EFFICIENCY, "");
            Component tank = add(m, types, BuiltinComponentTypes.TANK, "tank" + i);
            set(tank, "area", AREA, "m2");
            set(tank, "height", HEIGHT, "m");
            set(tank, "initialLevel", INITIAL_LEVEL, "m");
            set(tank, "initialTemperature", initialTemperature(i), "degC");
            set(tank, "ambientTemperature", AMBIENT, "degC");
            set(tank, "heatLoss", heatLoss(i), "W/K");
            Component sensor = add(m, types, BuiltinComponentTypes.TEMPERATURE_SENSOR, "sensor" + i);
            set(sensor, "timeConstant", sensorTimeConstant(i), "s");
            set(sensor, "offset", 0, "K");
            set(sensor, "noise", 0, "K");
            connect(m, sp, "y", pid, "setpoint");
            connect(m, pid, "output", heater, "command");
            connect(m, heater, "power", tank, "heatInput");
            connect(m, tank, "temperature", sensor, "input");
            connect(m, sensor, "value", pid, "measurement");
        }
        return m;
    }

    private static Component add(TwinModel m, ComponentTypeRegistry types, String type, String name) {
        Component c = types.find(type).orElseThrow(() -> new IllegalStateException("no component type " + type))
                .instantiate(name);
        m.getComponents().add(c);
        return c;
    }

    private static void set(Component c, String name, double value, String unit) {
        for (Parameter p : c.getParameters()) {
            if (p.getName().equals(name)) {
                p.setValue(Double.toString(value));
                p.setUnit(unit);
                return;
            }
        }
        throw new IllegalStateException(c.getType() + " has no parameter " + name);
    }

    private static Port port(Component c, String name) {
        return c.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(c.getType() + " has no port " + name));
    }

    private static void connect(TwinModel m, Component from, String out, Component to, String in) {
        Connection c = TwinFactory.eINSTANCE.createConnection();
        c.setSource(port(from, out));
        c.setTarget(port(to, in));
        m.getConnections().add(c);
    }
}
