/**
 * Line glyphs (20 x 20, drawn with the stroke) for the component types of Twinstudio's built-in library, and the
 * accent colour of each type's family. Unknown types get the generic block.
 */
export interface TypeGlyph {
    /** SVG path data in a 20 x 20 box. */
    path: string;
    /** Accent colour of the type's family (header tint, glyph, projection bar). */
    accent: string;
}

const PROCESS_BLUE = '#1f6fb2';
const SENSOR_GREEN = '#2f8a3e';
const CONTROL_PURPLE = '#8a3ea8';
const DRIVE_VIOLET = '#5b4bbd';
const SIGNAL_SLATE = '#5b6b7f';

const GENERIC: TypeGlyph = { path: 'M4 4h12v12H4z M1 8h3 M1 12h3 M16 10h3', accent: '#55606e' };

const THERMOMETER = 'M8.5 3.5a1.5 1.5 0 0 1 3 0v8.3a3.2 3.2 0 1 1-3 0z M10 8v6';
const GAUGE = 'M3.5 14a6.5 6.5 0 1 1 13 0z M10 14l3.2-4 M6 11.2l1 .6 M14 11.2l-1 .6 M10 8.2v1.2';
const PUMP = 'M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12z M10 4h7v3 M6 15l-2 3h12l-2-3';
const MOTOR = 'M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12z M7 13V7l3 4 3-4v6';
const VALVE = 'M3 6v8l14-8v8z M10 10V4 M7 4h6';

const GLYPHS: Record<string, TypeGlyph> = {
    heater: { path: 'M2 14h3l1.5-3 2 6 2-6 2 6 1.5-3h4 M7 8c-1-1.5 1-2.5 0-5 M10.5 8c-1-1.5 1-2.5 0-5 M14 8c-1-1.5 1-2.5 0-5', accent: '#c2410c' },
    tank: { path: 'M4 4.5C4 3 16 3 16 4.5V16a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1z M4 10c2-1.4 4 1.4 6 0s4 1.4 6 0', accent: PROCESS_BLUE },
    valve: { path: VALVE, accent: '#0f766e' },
    controlValve: { path: VALVE + ' M7 2h6v2', accent: '#0f766e' },
    pump: { path: PUMP, accent: PROCESS_BLUE },
    centrifugalPump: { path: PUMP + ' M10 10l3-3', accent: PROCESS_BLUE },
    motor: { path: MOTOR, accent: DRIVE_VIOLET },
    dcMotor: { path: MOTOR + ' M2 10h2 M16 10h2', accent: DRIVE_VIOLET },
    conveyor: { path: 'M5 8h10a3 3 0 0 1 0 6H5a3 3 0 0 1 0-6z M5 11h.01 M15 11h.01 M7 5h6', accent: '#8a5a2b' },
    temperatureSensor: { path: THERMOMETER, accent: SENSOR_GREEN },
    thermostat: { path: THERMOMETER + ' M14 5h3 M14 8h3', accent: CONTROL_PURPLE },
    levelSensor: { path: 'M5 3v14h10V3 M5 11h10 M8 7h4 M10 3v8', accent: SENSOR_GREEN },
    pressureSensor: { path: GAUGE, accent: SENSOR_GREEN },
    flowSensor: { path: 'M2 10h16 M13 6l4 4-4 4 M6 6v8', accent: SENSOR_GREEN },
    pid: { path: 'M3 3v14h14 M3 14c2.5 0 3-9 6-9s2.5 4 8 4', accent: CONTROL_PURPLE },
    fmu: { path: 'M10 2l7 4v8l-7 4-7-4V6z M3 6l7 4 7-4 M10 10v8', accent: '#b45309' },
    constant: { path: 'M3 3v14h14 M3 9h13', accent: SIGNAL_SLATE },
    stepSignal: { path: 'M3 3v14h14 M3 14h5V6h9', accent: SIGNAL_SLATE },
    ramp: { path: 'M3 3v14h14 M3 15h3l10-9', accent: SIGNAL_SLATE },
    sine: { path: 'M2 10c2.2-7 4.8-7 7 0s4.8 7 7 0 M16 10h2', accent: SIGNAL_SLATE },
    gain: { path: 'M4 3v14l12-7z', accent: SIGNAL_SLATE },
    sum: { path: 'M10 3a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M10 6.5v7 M6.5 10h7', accent: SIGNAL_SLATE },
    limiter: { path: 'M2 15h5l6-10h5', accent: SIGNAL_SLATE },
    lag: { path: 'M3 3v14h14 M3 15c2-8 6-10 14-10', accent: SIGNAL_SLATE },
    integrator: { path: 'M12.5 3.5c-1.5-1.5-3.5 0-3.5 2v9c0 2-2 3.5-3.5 2', accent: SIGNAL_SLATE },
    table: { path: 'M3 4h14v12H3z M3 8h14 M3 12h14 M9 4v12', accent: SIGNAL_SLATE }
};

export function glyphFor(componentType: string): TypeGlyph {
    return GLYPHS[componentType] ?? GENERIC;
}
