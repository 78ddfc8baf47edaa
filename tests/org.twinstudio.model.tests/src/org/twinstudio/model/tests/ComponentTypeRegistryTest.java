package org.twinstudio.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeProvider;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.model.units.TwinUnits;

class ComponentTypeRegistryTest {

    @Test
    void builtInTypesAreRegistered() {
        Set<String> ids = ComponentTypeRegistry.getDefault().all().stream().map(ComponentTypeDescriptor::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(List.of("heater", "tank", "valve", "pump", "motor", "temperatureSensor", "levelSensor",
                "pressureSensor", "pid", "fmu", "flowSensor", "table", "dcMotor", "conveyor", "controlValve",
                "centrifugalPump")), ids::toString);
    }

    @Test
    void everyBuiltInTypeIsWellFormed() {
        for (ComponentTypeDescriptor d : new BuiltinComponentTypes().componentTypes()) {
            assertNotNull(d.icon(), () -> d.id() + " has no icon");
            d.ports().forEach(p -> {
                if (!p.anyUnit()) {
                    assertTrue(TwinUnits.parse(p.unit()).isPresent(), () -> d.id() + "." + p.name() + " unit " + p.unit());
                }
            });
            d.parameters().forEach(p -> assertTrue(TwinUnits.parse(p.unit()).isPresent(), () -> d.id() + "." + p.name() + " unit " + p.unit()));
        }
    }

    @Test
    void instantiateCreatesPortsAndParameterDefaults() {
        Component heater = ComponentTypeRegistry.getDefault().find("heater").orElseThrow().instantiate("h1");
        assertEquals("h1", heater.getName());
        assertEquals("heater", heater.getType());
        assertEquals(List.of("command", "power"), heater.getPorts().stream().map(p -> p.getName()).toList());
        assertEquals(PortDirection.OUT, heater.getPorts().get(1).getDirection());
        assertEquals("W", heater.getPorts().get(1).getUnit());
        assertEquals("5000", heater.getParameters().get(0).getValue());
    }

    @Test
    void thirdPartyTypesArriveAndLeaveAsOsgiServices() {
        ComponentTypeProvider provider = () -> List.of(ComponentTypeDescriptor.builder("acme.chiller").label("Chiller")
                .input("enable", DataType.BOOLEAN, "", "false", "").output("coolingPower", DataType.REAL, "kW", "0", "").build());
        BundleContext context = FrameworkUtil.getBundle(ComponentTypeRegistryTest.class).getBundleContext();
        ComponentTypeRegistry registry = ComponentTypeRegistry.getDefault();
        assertFalse(registry.find("acme.chiller").isPresent());
        ServiceRegistration<ComponentTypeProvider> reg = context.registerService(ComponentTypeProvider.class, provider, null);
        try {
            assertEquals("Chiller", registry.find("acme.chiller").orElseThrow().label());
        } finally {
            reg.unregister();
        }
        assertFalse(registry.find("acme.chiller").isPresent());
    }

    @Test
    void firstProviderWinsForDuplicateIds() {
        ComponentTypeDescriptor a = ComponentTypeDescriptor.builder("x").label("first").build();
        ComponentTypeDescriptor b = ComponentTypeDescriptor.builder("x").label("second").build();
        ComponentTypeRegistry registry = new ComponentTypeRegistry(List.of(() -> List.of(a), () -> List.of(b)));
        Collection<ComponentTypeDescriptor> all = registry.all();
        assertEquals(1, all.size());
        assertEquals("first", registry.find("x").orElseThrow().label());
    }
}
