package org.twinstudio.sim.bench;

import org.twinstudio.model.Solver;

/**
 * The benchmark plant written by hand as one plain Java loop over arrays, with the equations of the built-in
 * behaviours (PID, heater, tank, temperature sensor: see their classes) and the master's solvers (explicit Euler and
 * classic RK4, then the tank's level projection after each step). It is the baseline the simulation master is
 * measured against, and it must agree with it: same operations in the same order, so results match to the last bit
 * or within rounding.
 * <p>
 * States per chain c at {@code x[5c..5c+4]}: PID integral I, PID filtered measurement m_f, tank level L, tank
 * temperature T, sensor value y. Unconnected inputs keep their start values: PID enabled, tank inflow 0 m³/s at
 * 15 °C, outflow 0 m³/s.
 */
public final class PlainPlant {

    private static final int N = 5;
    private static final double FILTER = 10;
    private static final double DENSITY = 1000;
    private static final double SPECIFIC_HEAT = 4186;
    private static final double MIN_VOLUME = 1e-3;

    private final int chains;
    private final double[] setpoint;
    private final double[] kp;
    private final double[] ti;
    private final double[] td;
    private final double[] maxPower;
    private final double[] heatLoss;
    private final double[] tau;
    private final double outMin = 0;
    private final double outMax = 100;
    private final double enable = 1;
    private final double inflow = 0;
    private final double inflowTemperature = 15;
    private final double outflow = 0;
    private final double sensorOffset = 0;
    private final double sensorNoise = 0;
    private final double[] x;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] tmp;

    /** The plant of {@link BenchmarkPlant#create(int)} with the same parameters, at its initial state. */
    public PlainPlant(int chains) {
        this.chains = chains;
        setpoint = new double[chains];
        kp = new double[chains];
        ti = new double[chains];
        td = new double[chains];
        maxPower = new double[chains];
        heatLoss = new double[chains];
        tau = new double[chains];
        x = new double[N * chains];
        for (int c = 0; c < chains; c++) {
            setpoint[c] = BenchmarkPlant.setpoint(c);
            kp[c] = BenchmarkPlant.kp(c);
            ti[c] = BenchmarkPlant.ti(c);
            td[c] = BenchmarkPlant.td(c);
            maxPower[c] = BenchmarkPlant.maxPower(c);
            heatLoss[c] = BenchmarkPlant.heatLoss(c);
            tau[c] = BenchmarkPlant.sensorTimeConstant(c);
            double t0 = BenchmarkPlant.initialTemperature(c);
            x[N * c] = 0;
            x[N * c + 1] = t0; // the sensor starts settled at the tank temperature, the filter at the sensor
            x[N * c + 2] = clamp(BenchmarkPlant.INITIAL_LEVEL, 0, BenchmarkPlant.HEIGHT);
            x[N * c + 3] = t0;
            x[N * c + 4] = t0;
        }
        k1 = new double[x.length];
        k2 = new double[x.length];
        k3 = new double[x.length];
        k4 = new double[x.length];
        tmp = new double[x.length];
    }

    private static double clamp(double v, double min, double max) {
        return v < min ? min : v > max ? max : v;
    }

    /**
     * Runs {@code steps} steps of size {@code h} with Euler or RK4. Dopri5 is not written by hand: its adaptive step
     * control and dense output would make this loop a second master instead of a baseline for the fixed-step one.
     */
    public void run(long steps, double h, Solver solver) {
        if (solver != Solver.EULER && solver != Solver.RK4) {
            throw new IllegalArgumentException("the plain loop implements euler and rk4, not " + solver.getLiteral());
        }
        int n = x.length;
        boolean rk4 = solver == Solver.RK4;
        for (long i = 0; i < steps; i++) {
            if (rk4) {
                derivatives(x, k1);
                for (int s = 0; s < n; s++) {
                    tmp[s] = x[s] + 0.5 * h * k1[s];
                }
                derivatives(tmp, k2);
                for (int s = 0; s < n; s++) {
                    tmp[s] = x[s] + 0.5 * h * k2[s];
                }
                derivatives(tmp, k3);
                for (int s = 0; s < n; s++) {
                    tmp[s] = x[s] + h * k3[s];
                }
                derivatives(tmp, k4);
                for (int s = 0; s < n; s++) {
                    x[s] += h / 6 * (k1[s] + 2 * k2[s] + 2 * k3[s] + k4[s]);
                }
            } else {
                derivatives(x, k1);
                for (int s = 0; s < n; s++) {
                    x[s] += h * k1[s];
                }
            }
            for (int c = 0; c < chains; c++) {
                x[N * c + 2] = clamp(x[N * c + 2], 0, BenchmarkPlant.HEIGHT);
            }
        }
    }

    private void derivatives(double[] s, double[] dx) {
        for (int c = 0, o = 0; c < chains; c++, o += N) {
            double integral = s[o];
            double filtered = s[o + 1];
            double level = s[o + 2];
            double temperature = s[o + 3];
            double sensor = s[o + 4];
            double measurement = sensor + sensorOffset + sensorNoise;
            double command = pidOutput(c, integral, filtered, measurement);
            double power = BenchmarkPlant.EFFICIENCY * maxPower[c] * clamp(command, 0, 100) / 100;
            // PID
            if (enable >= 0.5) {
                double e = setpoint[c] - measurement;
                double u = unlimited(c, integral, filtered, measurement);
                boolean windingUp = (u > outMax && e > 0) || (u < outMin && e < 0);
                dx[o] = ti[c] > 0 && !windingUp ? e : 0;
                dx[o + 1] = td[c] > 0 ? (measurement - filtered) * FILTER / td[c] : 0;
            } else {
                dx[o] = 0;
                dx[o + 1] = 0;
            }
            // tank
            double qIn = Math.max(0, inflow);
            double qOut = level <= 0 ? 0 : Math.max(0, outflow);
            double dl = (qIn - qOut) / BenchmarkPlant.AREA;
            if (level >= BenchmarkPlant.HEIGHT && dl > 0) {
                dl = 0;
            }
            if (level <= 0 && dl < 0) {
                dl = 0;
            }
            dx[o + 2] = dl;
            double v = BenchmarkPlant.AREA * Math.max(level, 0);
            if (v < MIN_VOLUME) {
                dx[o + 3] = 0;
            } else {
                double q = power - heatLoss[c] * (temperature - BenchmarkPlant.AMBIENT);
                dx[o + 3] = (qIn * (inflowTemperature - temperature) + q / (DENSITY * SPECIFIC_HEAT)) / v;
            }
            // sensor
            dx[o + 4] = (temperature - sensor) / tau[c];
        }
    }

    private double unlimited(int c, double integral, double filtered, double measurement) {
        double e = setpoint[c] - measurement;
        double u = kp[c] * e;
        if (ti[c] > 0) {
            u += kp[c] * integral / ti[c];
        }
        if (td[c] > 0) {
            u -= kp[c] * FILTER * (measurement - filtered);
        }
        return u;
    }

    private double pidOutput(int c, double integral, double filtered, double measurement) {
        return enable >= 0.5 ? clamp(unlimited(c, integral, filtered, measurement), outMin, outMax) : outMin;
    }

    public int chains() {
        return chains;
    }

    /** Tank temperature of chain c [degC]. */
    public double temperature(int c) {
        return x[N * c + 3];
    }

    /** Tank level of chain c [m]. */
    public double level(int c) {
        return x[N * c + 2];
    }

    /** Sensor value of chain c [degC]. */
    public double sensor(int c) {
        return x[N * c + 4] + sensorOffset + sensorNoise;
    }

    /** Controller output of chain c [%]. */
    public double controllerOutput(int c) {
        return pidOutput(c, x[N * c], x[N * c + 1], sensor(c));
    }

    /** Heater power of chain c [W]. */
    public double power(int c) {
        return BenchmarkPlant.EFFICIENCY * maxPower[c] * clamp(controllerOutput(c), 0, 100) / 100;
    }
}
