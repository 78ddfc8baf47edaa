package org.twinstudio.model.types;

import static org.twinstudio.model.DataType.BOOLEAN;
import static org.twinstudio.model.DataType.INTEGER;
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
    public static final String FLOW_SENSOR = "flowSensor";
    public static final String TABLE = "table";
    public static final String DC_MOTOR = "dcMotor";
    public static final String CONVEYOR = "conveyor";
    public static final String CONTROL_VALVE = "controlValve";
    public static final String CENTRIFUGAL_PUMP = "centrifugalPump";

    private static final String PROCESS = "Process";
    private static final String SENSORS = "Sensors";
    private static final String CONTROL = "Control";
    private static final String DRIVES = "Drives";
    private static final String SIGNALS = "Signals";
    private static final String HANDLING = "Material handling";

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
            type(MOTOR, "Induction motor", DRIVES, "Speed-controlled induction motor with inertia, torque limit, load torque and phase current.")
                    .parameter("ratedSpeed", REAL, "rpm", "1450", "Speed at nominal load")
                    .parameter("ratedTorque", REAL, "N*m", "50", "Nominal torque")
                    .parameter("inertia", REAL, "kg*m^2", "0.05", "Rotor and load inertia")
                    .parameter("maxTorque", REAL, "N*m", "100", "Torque limit of the drive (current limit)")
                    .parameter("ratedCurrent", REAL, "A", "11", "Phase current at rated torque")
                    .parameter("noLoadCurrent", REAL, "A", "4.5", "Magnetising phase current at zero torque")
                    .input("enable", BOOLEAN, "", "false", "Drive enable")
                    .input("speedSetpoint", REAL, "rpm", "0", "Speed setpoint")
                    .input("loadTorque", REAL, "N*m", "0", "Load torque")
                    .output("speed", REAL, "rpm", "0", "Shaft speed")
                    .output("current", REAL, "A", "0", "Phase current")
                    .build(),
            type(DC_MOTOR, "DC motor", DRIVES, "Permanent-magnet DC motor: armature circuit V = R i + L di/dt + k w, shaft J dw/dt = k i - b w - load.")
                    .parameter("resistance", REAL, "Ohm", "1.0", "Armature resistance R")
                    .parameter("inductance", REAL, "H", "0.005", "Armature inductance L; 0 makes the current algebraic")
                    .parameter("motorConstant", REAL, "N*m/A", "0.1", "Torque constant kt, equal to the back-EMF constant ke in V*s/rad")
                    .parameter("inertia", REAL, "kg*m^2", "0.001", "Rotor and load inertia J")
                    .parameter("friction", REAL, "N*m*s", "0.0001", "Viscous friction b, torque per rad/s")
                    .input("voltage", REAL, "V", "0", "Armature voltage")
                    .input("loadTorque", REAL, "N*m", "0", "Load torque against the rotation")
                    .output("speed", REAL, "rpm", "0", "Shaft speed")
                    .output("current", REAL, "A", "0", "Armature current")
                    .output("torque", REAL, "N*m", "0", "Electromagnetic torque kt * i")
                    .build(),
            type(CONVEYOR, "Belt conveyor", HANDLING, "Belt conveyor carrying discrete items past a presence sensor.")
                    .parameter("length", REAL, "m", "5", "Belt length; items leave when their tail passes the end")
                    .parameter("sensorPosition", REAL, "m", "4", "Position of the item sensor from the belt start")
                    .parameter("itemLength", REAL, "m", "0.3", "Length of an item along the belt")
                    .parameter("spawnPeriod", REAL, "s", "0", "An item is placed at the start every period from t = 0; 0: only on the spawn input")
                    .choice("drive", "belt", "Belt speed from: belt (beltSpeed input) or motor (motorSpeed times rollerRadius)", "belt", "motor")
                    .parameter("rollerRadius", REAL, "m", "0.05", "Radius of the drive roller (drive = motor)")
                    .input("beltSpeed", REAL, "m/s", "0", "Belt speed (drive = belt)")
                    .input("motorSpeed", REAL, "rpm", "0", "Drive roller speed (drive = motor)")
                    .input("spawn", BOOLEAN, "", "false", "A rising edge places an item at the belt start")
                    .output("itemPresent", BOOLEAN, "", "false", "An item is in front of the sensor")
                    .output("itemCount", REAL, "", "0", "Items that have reached the sensor")
                    .output("itemsOnBelt", REAL, "", "0", "Items on the belt")
                    .output("delivered", REAL, "", "0", "Items that have left the belt end")
                    .output("speed", REAL, "m/s", "0", "Belt speed")
                    .build(),
            sensor(TEMPERATURE_SENSOR, "Temperature sensor", "degC", "K"),
            sensor(LEVEL_SENSOR, "Level sensor", "m", "m"),
            sensor(PRESSURE_SENSOR, "Pressure sensor", "bar", "bar"),
            sensor(FLOW_SENSOR, "Flow sensor", "m3/h", "m3/h"),
            type(CONTROL_VALVE, "Control valve", PROCESS, "Throttling valve: flow = Kv * f(opening) * sqrt(dp / relative density), Kv in m3/h of water at 1 bar.")
                    .parameter("kv", REAL, "m3/h", "10", "Flow coefficient Kv: water flow at full opening and 1 bar pressure drop")
                    .choice("characteristic", "linear", "Inherent characteristic: linear or equalPercentage", "linear", "equalPercentage")
                    .parameter("rangeability", REAL, "", "50", "Rangeability R of the equal-percentage characteristic")
                    .parameter("relativeDensity", REAL, "", "1", "Density of the fluid relative to water at 15 degC")
                    .input("opening", REAL, "%", "100", "Valve opening (travel)")
                    .input("inletPressure", REAL, "bar", "2", "Pressure upstream")
                    .input("outletPressure", REAL, "bar", "1", "Pressure downstream")
                    .output("flow", REAL, "m3/h", "0", "Volume flow, negative when it runs backwards")
                    .output("pressureDrop", REAL, "bar", "0", "Inlet minus outlet pressure")
                    .build(),
            type(CENTRIFUGAL_PUMP, "Centrifugal pump with head curve", PROCESS, "Pump with head curve H = H0 (n/n0)^2 - k Q^2 working against a system curve H = Hs + r Q^2.")
                    .parameter("ratedSpeed", REAL, "rpm", "2900", "Speed n0 of the head curve")
                    .parameter("shutoffHead", REAL, "m", "40", "Head H0 at zero flow and rated speed")
                    .parameter("maxFlow", REAL, "m3/h", "60", "Flow at zero head and rated speed (fixes k = H0 / Qmax^2)")
                    .parameter("bestEfficiency", REAL, "", "0.75", "Efficiency at the best efficiency point")
                    .parameter("bestEfficiencyFlow", REAL, "m3/h", "40", "Flow of the best efficiency point at rated speed")
                    .parameter("staticHead", REAL, "m", "10", "System curve: head at zero flow (lift plus pressure difference)")
                    .parameter("designFlow", REAL, "m3/h", "40", "System curve: a flow on it")
                    .parameter("designHead", REAL, "m", "30", "System curve: the head at designFlow")
                    .input("run", BOOLEAN, "", "false", "Run command")
                    .input("speed", REAL, "rpm", "2900", "Shaft speed")
                    .output("flow", REAL, "m3/h", "0", "Volume flow at the operating point")
                    .output("head", REAL, "m", "0", "Head at the operating point")
                    .output("hydraulicPower", REAL, "W", "0", "Power given to the liquid")
                    .output("shaftPower", REAL, "W", "0", "Power taken at the shaft")
                    .output("efficiency", REAL, "", "0", "Hydraulic over shaft power")
                    .build(),
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
            type(TABLE, "Table", SIGNALS, "Time table playback: y interpolated (linear or hold) between time:value rows given inline or in a CSV file.")
                    .parameter("table", STRING, "", "0:0", "Rows time:value separated by commas, time in s (used when file is empty)")
                    .parameter("file", STRING, "", "", "CSV file relative to the model file: time in s in column 1")
                    .parameter("column", INTEGER, "", "2", "Column of the CSV file that holds the values (1-based)")
                    .choice("interpolation", "linear", "linear or hold (the last row's value until the next)", "linear", "hold")
                    .parameter("periodic", BOOLEAN, "", "false", "Repeat the table with period last time - first time")
                    .output("y", REAL, null, null, "Output").build(),
            type(FMU, "FMU", "Co-simulation", "A Functional Mock-up Unit (FMI 2.0 or 3.0); its ports come from its model description.")
                    .dynamicPorts()
                    .dynamicParameters()
                    .parameter("fmu", STRING, "", null, "Path of the .fmu archive, relative to the model file")
                    .build());

    private static ComponentTypeDescriptor.Builder type(String id, String label, String category, String description) {
        return ComponentTypeDescriptor.builder(id).label(label).category(category).description(description)
                .icon(BuiltinComponentTypes.class.getResource("/icons/types/" + id + ".png"));
    }

    private static ComponentTypeDescriptor sensor(String id, String label, String unit, String noiseUnit) {
        return type(id, label, SENSORS, label + " with first-order lag, offset, noise and quantisation; faults can be injected.")
                .parameter("timeConstant", REAL, "s", "1.0", "First-order lag")
                .parameter("offset", REAL, noiseUnit, "0", "Calibration offset")
                .parameter("noise", REAL, noiseUnit, "0", "Standard deviation of measurement noise")
                .parameter("resolution", REAL, noiseUnit, "0", "Quantisation step of the reading (e.g. one ADC count); 0: none")
                .input("input", REAL, unit, null, "True physical value")
                .output("value", REAL, unit, null, "Measured value")
                .build();
    }

    @Override
    public Collection<ComponentTypeDescriptor> componentTypes() {
        return TYPES;
    }
}
