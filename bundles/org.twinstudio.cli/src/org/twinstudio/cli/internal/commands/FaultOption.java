package org.twinstudio.cli.internal.commands;

import java.util.List;

import org.twinstudio.sim.faults.Fault;
import org.twinstudio.sim.faults.FaultInjector;
import org.twinstudio.sim.faults.FaultSpecs;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --fault SPEC}: the syntax is {@link FaultSpecs}'s ({@code TARGET=FAULT[@START[+DURATION]]}). A malformed
 * specification, and one naming a component or port the model does not have, is a usage error (exit code 2).
 */
public final class FaultOption implements ITypeConverter<Fault> {

    /** The option's help lines. */
    static final String HELP = "Inject a fault (repeatable): TARGET=FAULT[@START[+DURATION]], TARGET = component.port "
            + "or component, FAULT = stuck:V | offset:V | drift:R/s | noise:SIGMA | dropout[:P] | fail[:V]; values in the "
            + "port's unit or with a unit (stuck:45degC); times in s (default), ms, min or h; e.g. "
            + "sensorT.value=stuck:20@100s+60s, heater=fail@300s";

    @Override
    public Fault convert(String value) {
        try {
            return FaultSpecs.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** Injects every fault before the run; a fault that does not fit the model is a usage error naming it. */
    static void inject(CommandSpec spec, FaultInjector injector, List<Fault> faults) {
        for (Fault f : faults) {
            try {
                injector.inject(f);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--fault': '" + f + "': " + e.getMessage());
            }
        }
    }
}
