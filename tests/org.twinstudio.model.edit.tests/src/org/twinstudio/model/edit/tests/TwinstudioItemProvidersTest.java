package org.twinstudio.model.edit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;

import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.notify.AdapterFactory;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.emf.edit.provider.IItemLabelProvider;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.TwinPackage;
import org.twinstudio.model.edit.TwinstudioItemProviderAdapterFactory;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeRegistry;

class TwinstudioItemProvidersTest {

    private static final Path EXAMPLE = Path.of("../../examples/heating-line/heating-line.twin");

    /** As editors compose it: our labels first, then whatever the registry has (notation, ecore). */
    private final ComposedAdapterFactory factory = new ComposedAdapterFactory(new AdapterFactory[] {
            new TwinstudioItemProviderAdapterFactory(), new ComposedAdapterFactory(ComposedAdapterFactory.Descriptor.Registry.INSTANCE) });

    private String label(EObject o) {
        return ((IItemLabelProvider) factory.adapt(o, IItemLabelProvider.class)).getText(o);
    }

    @Test
    void labelsReadLikeTheModel() {
        TwinModel m = TwinModels.load(EXAMPLE).model();
        assertEquals("heater : Electric heater", label(m.getComponents().get(2)));
        assertEquals("power out real [W]", label(m.getComponents().get(2).getPorts().get(1)));
        assertEquals("maxPower = 24000 W", label(m.getComponents().get(2).getParameters().get(0)));
        assertEquals("controller.output \u2192 heater.command", label(m.getConnections().get(5)));
        assertEquals("controller.setpoint \u2190 plc ns=2;s=HeatingLine.TankTemperatureSetpoint", label(m.getBindings().get(0)));
        assertEquals("sensorT.value \u2192 remoteIo holdingRegister 100 int16", label(m.getBindings().get(2)));
        assertEquals("overtemp (ALARM): sensorT.value > 80.0 degC", label(m.getAlertRules().get(0)));
        assertEquals("plc : OPC UA opc.tcp://localhost:4840/heating", label(m.getEndpoints().get(0)));
        assertEquals("remoteIo : Modbus TCP 127.0.0.1:5020 unit 1", label(m.getEndpoints().get(1)));
        assertEquals("telemetry : MQTT tcp://localhost:1883", label(m.getEndpoints().get(2)));
        assertEquals("Simulation: step 0.1 s, stop 3600.0 s, rk4, as fast as possible", label(m.getSimulation()));
    }

    @Test
    void componentIconsComeFromTheirType() {
        TwinModel m = TwinModels.load(EXAMPLE).model();
        Component tank = m.getComponents().get(1);
        Object image = ((IItemLabelProvider) factory.adapt(tank, IItemLabelProvider.class)).getImage(tank);
        assertTrue(image instanceof URL url && url.toString().endsWith("icons/types/tank.png"), String.valueOf(image));
    }

    @Test
    void editsAreUndoableCommands() {
        TwinModel m = TwinModels.load(EXAMPLE).model();
        AdapterFactoryEditingDomain domain = new AdapterFactoryEditingDomain(factory, new BasicCommandStack());
        m.eResource().getResourceSet().eAdapters(); // the model lives in its resource set
        Component pump = ComponentTypeRegistry.getDefault().find("pump").orElseThrow().instantiate("feedPump");
        Command add = AddCommand.create(domain, m, TwinPackage.Literals.TWIN_MODEL__COMPONENTS, pump);
        Command rename = SetCommand.create(domain, m.getComponents().get(0), TwinPackage.Literals.NAMED_ELEMENT__NAME, "fillValve");
        assertTrue(add.canExecute() && rename.canExecute());
        domain.getCommandStack().execute(add);
        domain.getCommandStack().execute(rename);
        assertEquals(7, m.getComponents().size());
        assertEquals("fillValve", m.getComponents().get(0).getName());
        domain.getCommandStack().undo();
        assertEquals("inletValve", m.getComponents().get(0).getName());
        domain.getCommandStack().undo();
        assertEquals(6, m.getComponents().size());
        domain.getCommandStack().redo();
        assertEquals("feedPump", m.getComponents().get(6).getName());
    }
}
