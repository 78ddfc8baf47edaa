package org.twinstudio.model.types;

import static org.twinstudio.model.DataType.BOOLEAN;
import static org.twinstudio.model.DataType.REAL;
import static org.twinstudio.model.DataType.STRING;

import java.util.Collection;
import java.util.List;

/**
 * The component types that ship with Twinstudio. Their behaviour (the simulation models) is registered by the
 * simulation runtime under the same ids.
 */
public final class BuiltinComponentTypes implements ComponentTypeProvider {

    public static final String HEATER = "heater";
    public static final String TANK = "tank";
    public static final String VALVE = "valve";
    public static final String PUMP = "pump";
    public static final String MOTOR = "motor";
    public static final String TEMPERATURE_SENSOR = "temperatureSensor";
    public static final String LEVEL_SENSOR = "levelSensor";
    public static final String PRESSURE_SENSOR = "pressureSensor";
    public static final String PID = "pid";
    public static final String FMU = "fmu";
    public static final String CONSTANT = "constant";
    public static final String STEP_SIGNAL = "stepSignal";
    public static final String RAMP = "ramp";
    public static final String SINE = "sine";
    public static final String GAIN = "gain";
    public static final String SUM = "sum";
    public static final String LIMITER = "limiter";
    public static final String LAG = "lag";
    public static final String INTEGRATOR = "integrator";
    public static final String THERMOSTAT = "thermostat";

    private static final String PROCESS = "Process";
    private static final String SENSORS = "Sensors";
    private static final String CONTROL = "Control";
    private static final String DRIVES = "Drives";
    private static final String SIGNALS = "Signals";

    private static final List<ComponentTypeDescriptor> TYPES = List.of(
            type(HEATER, "Electric heater", PROCESS, "Resistive heater driven by a 0..100 % power command.")
                    .parameter("maxPower", REAL, "W", "5000", "Electrical power at 100 % command")
                    .parameter("efficiency", REAL, "", "0.98", "Share of electrical power turned into heat")
                    .input("command", REAL, "%", "0", "Power command")
                    .output("power", REAL, "W", "0", "Heat flow into the process")
                    .build(),
            type(TANK, "Heated tank", PROCESS, "Well-mixed liquid tank with heat input, inflow, outflow and heat loss.")
                    .parameter("area", REAL, "m2", "1.0", "Base area")
                    .parameter("height", REAL, "m", "2.0", "Height; the tank overflows above it")
                    .parameter("initialLevel", REAL, "m", "1.0", "Level at start")
                    .parameter("initialTemperature", REAL, "degC", "20", "Liquid temperature at start")
                    .parameter("ambientTemperature", REAL, "degC", "20", "Temperature around the tank")
                    .parameter("heatLoss", REAL, "W/K", "15", "Heat loss coefficient to ambient")
                    .input("heatInput", REAL, "W", "0", "Heat flow into the liquid")
                    .input("inflow", REAL, "m3/s", "0", "Volume flow in")
                    .input("inflowTemperature", REAL, "degC", "15", "Temperature of the inflow")
                    .input("outflow", REAL, "m3/s", "0", "Volume flow out")
                    .output("temperature", REAL, "degC", null, "Liquid temperature")
                    .output("level", REAL, "m", null, "Liquid level")
                    .build(),
            type(VALVE, "On/off valve", PROCESS, "Valve with a travel time between closed and open.")
                    .parameter("maxFlow", REAL, "m3/s", "0.002", "Flow when fully open")
                    .parameter("travelTime", REAL, "s", "5", "Time from closed to open")
                    .input("open", BOOLEAN, "", "false", "Open command")
                    .output("position", REAL, "%", "0", "Valve position")
                    .output("flow", REAL, "m3/s", "0", "Volume flow through the valve")
                    .build(),
            type(PUMP, "Centrifugal pump", PROCESS, "Pump whose flow follows its speed command.")
                    .parameter("maxFlow", REAL, "m3/s", "0.005", "Flow at 100 % speed")
                    .parameter("ratedPower", REAL, "W", "750", "Electrical power at 100 % speed")
                    .input("run", BOOLEAN, "", "false", "Run command")
                    .input("speed", REAL, "%", "100", "Speed command")
                    .output("flow", REAL, "m3/s", "0", "Volume flow")
                    .output("power", REAL, "W", "0", "Electrical power")
                    .build(),
            type(MOTOR, "Induction motor", DRIVES, "Motor with inertia that follows a speed setpoint.")
                    .parameter("ratedSpeed", REAL, "rpm", "1450", "Speed at nominal load")
                    .parameter("ratedTorque", REAL, "N*m", "50", "Nominal torque")
                    .parameter("inertia", REAL, "kg*m^2", "0.05", "Rotor and load inertia")
                    .input("enable", BOOLEAN, "", "false", "Drive enable")
                    .input("speedSetpoint", REAL, "rpm", "0", "Speed setpoint")
                    .input("loadTorque", REAL, "N*m", "0", "Load torque")
                    .output("speed", REAL, "rpm", "0", "Shaft speed")
                    .output("current", REAL, "A", "0", "Phase current")
                    .build(),
            sensor(TEMPERATURE_SENSOR, "Temperature sensor", "degC", "K"),
            sensor(LEVEL_SENSOR, "Level sensor", "m", "m"),
            sensor(PRESSURE_SENSOR, "Pressure sensor", "bar", "bar"),
            type(PID, "PID controller", CONTROL, "PID controller with output limits and anti-windup.")
                    .parameter("kp", REAL, "", "1.0", "Proportional gain (output % per measurement unit)")
                    .parameter("ti", REAL, "s", "60", "Integral time; 0 disables the integral part")
                    .parameter("td", REAL, "s", "0", "Derivative time")
                    .parameter("outputMin", REAL, "%", "0", "Lower output limit")
                    .parameter("outputMax", REAL, "%", "100", "Upper output limit")
                    .input("setpoint", REAL, null, "0", "Setpoint, in the measurement's unit")
                    .input("measurement", REAL, null, "0", "Process value")
                    .input("enable", BOOLEAN, "", "true", "Controller enable; disabled holds the output at outputMin")
                    .output("output", REAL, "%", "0", "Controller output")
                    .build(),
            // Signal blocks: ports of any unit (the model's port units apply); parameters in the ports' units.
            type(CONSTANT, "Constant", SIGNALS, "Constant signal: y = value.")
                    .parameter("value", REAL, null, "0", "The value")
                    .output("y", REAL, null, null, "Output").build(),
            type(STEP_SIGNAL, "Step", SIGNALS, "Step signal: y = initial before time, final from time on.")
                    .parameter("initial", REAL, null, "0", "Value before the step")
                    .parameter("final", REAL, null, "1", "Value after the step")
                    .parameter("time", REAL, "s", "1", "Time of the step")
                    .output("y", REAL, null, null, "Output").build(),
            type(RAMP, "Ramp", SIGNALS, "Ramp signal: y = offset + slope * max(0, t - startTime).")
                    .parameter("offset", REAL, null, "0", "Value before the ramp starts")
                    .parameter("slope", REAL, null, "1", "Change per second")
                    .parameter("startTime", REAL, "s", "0", "Time the ramp starts")
                    .output("y", REAL, null, null, "Output").build(),
            type(SINE, "Sine", SIGNALS, "Sine signal: y = offset + amplitude * sin(2 pi frequency t + phase).")
                    .parameter("amplitude", REAL, null, "1", "Amplitude")
                    .parameter("frequency", REAL, "Hz", "0.1", "Frequency")
                    .parameter("phase", REAL, "", "0", "Phase in radians")
                    .parameter("offset", REAL, null, "0", "Offset")
                    .output("y", REAL, null, null, "Output").build(),
            type(GAIN, "Gain", SIGNALS, "Gain: y = k * u.")
                    .parameter("k", REAL, "", "1", "Gain")
                    .input("u", REAL, null, "0", "Input").output("y", REAL, null, null, "Output").build(),
            type(SUM, "Sum", SIGNALS, "Weighted sum: y = ka * a + kb * b.")
                    .parameter("ka", REAL, "", "1", "Weight of a").parameter("kb", REAL, "", "1", "Weight of b")
                    .input("a", REAL, null, "0", "First input").input("b", REAL, null, "0", "Second input")
                    .output("y", REAL, null, null, "Output").build(),
            type(LIMITER, "Limiter", SIGNALS, "Limiter: y = min(max(u, min), max).")
                    .parameter("min", REAL, null, "0", "Lower limit").parameter("max", REAL, null, "100", "Upper limit")
                    .input("u", REAL, null, "0", "Input").output("y", REAL, null, null, "Output").build(),
            type(LAG, "First-order lag", SIGNALS, "First-order lag: T dy/dt = u - y.")
                    .parameter("timeConstant", REAL, "s", "1", "Time constant T")
                    .input("u", REAL, null, "0", "Input").output("y", REAL, null, "0", "Output").build(),
            type(INTEGRATOR, "Integrator", SIGNALS, "Integrator: dy/dt = k * u, y(0) = start of y.")
                    .parameter("k", REAL, "", "1", "Gain per second")
                    .input("u", REAL, null, "0", "Input").output("y", REAL, null, "0", "Output").build(),
            type(THERMOSTAT, "On/off thermostat", CONTROL, "Two-point controller: on below setpoint - hysteresis/2, off above setpoint + hysteresis/2, unchanged in between.")
                    .parameter("setpoint", REAL, null, "20", "Setpoint, in the measurement's unit")
                    .parameter("hysteresis", REAL, null, "1", "Width of the dead band, in the measurement's unit")
                    .input("measurement", REAL, null, "0", "Process value")
                    .output("on", BOOLEAN, "", "false", "Heating on").build(),
            type(FMU, "FMU", "Co-simulation", "A Functional Mock-up Unit (FMI 2.0 or 3.0); its ports come from its model description.")
                    .dynamicPorts()
                    .parameter("fmu", STRING, "", null, "Path of the .fmu archive, relative to the model file")
                    .build());

    private static ComponentTypeDescriptor.Builder type(String id, String label, String category, String description) {
        return ComponentTypeDescriptor.builder(id).label(label).category(category).description(description)
                .icon(BuiltinComponentTypes.class.getResource("/icons/types/" + id + ".png"));
    }

    private static ComponentTypeDescriptor sensor(String id, String label, String unit, String noiseUnit) {
        return type(id, label, SENSORS, label + " with first-order lag, offset and noise; faults can be injected.")
                .parameter("timeConstant", REAL, "s", "1.0", "First-order lag")
                .parameter("offset", REAL, noiseUnit, "0", "Calibration offset")
                .parameter("noise", REAL, noiseUnit, "0", "Standard deviation of measurement noise")
                .input("input", REAL, unit, null, "True physical value")
                .output("value", REAL, unit, null, "Measured value")
                .build();
    }

    @Override
    public Collection<ComponentTypeDescriptor> componentTypes() {
        return TYPES;
    }
}
