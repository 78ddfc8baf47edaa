package org.twinstudio.model.edit;

import java.util.Locale;

import org.eclipse.emf.common.notify.Adapter;
import org.eclipse.emf.common.notify.AdapterFactory;
import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.edit.provider.ViewerNotification;
import org.twinstudio.model.AlertRule;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.OpcUaEndpoint;
import org.twinstudio.model.SimulationSettings;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.NamedElement;
import org.twinstudio.model.OpcUaBinding;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinPackage;
import org.twinstudio.model.edit.provider.AlertRuleItemProvider;
import org.twinstudio.model.edit.provider.ComponentItemProvider;
import org.twinstudio.model.edit.provider.ConnectionItemProvider;
import org.twinstudio.model.edit.provider.ModbusBindingItemProvider;
import org.twinstudio.model.edit.provider.ModbusTcpEndpointItemProvider;
import org.twinstudio.model.edit.provider.MqttEndpointItemProvider;
import org.twinstudio.model.edit.provider.OpcUaEndpointItemProvider;
import org.twinstudio.model.edit.provider.SimulationSettingsItemProvider;
import org.twinstudio.model.edit.provider.MqttBindingItemProvider;
import org.twinstudio.model.edit.provider.OpcUaBindingItemProvider;
import org.twinstudio.model.edit.provider.ParameterItemProvider;
import org.twinstudio.model.edit.provider.PortItemProvider;
import org.twinstudio.model.edit.provider.TwinItemProviderAdapterFactory;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;

/**
 * The item providers to use for twin models: the generated ones, with labels an engineer reads at a glance
 * ({@code heater : Electric heater}, {@code power out real [W]}, {@code controller.output → heater.command},
 * {@code maxPower = 12000 W}) and component icons from the component type registry.
 * <p>
 * Use it in front of the registry: {@code new ComposedAdapterFactory(new AdapterFactory[] { new
 * TwinstudioItemProviderAdapterFactory(), new ComposedAdapterFactory(Registry.INSTANCE) })}. (plugin.xml registers
 * the generated factory: the EMF generator rewrites that registration on every build.)
 */
public class TwinstudioItemProviderAdapterFactory extends TwinItemProviderAdapterFactory {

    @Override
    public Adapter createComponentAdapter() {
        if (componentItemProvider == null) {
            componentItemProvider = new ComponentItemProvider(this) {
                @Override
                public String getText(Object object) {
                    Component c = (Component) object;
                    String type = ComponentTypeRegistry.getDefault().find(c.getType()).map(ComponentTypeDescriptor::label)
                            .orElse(c.getType() == null ? "?" : c.getType() + " (unknown type)");
                    return nameOr(c, "component") + " : " + type;
                }

                @Override
                public Object getImage(Object object) {
                    Component c = (Component) object;
                    return ComponentTypeRegistry.getDefault().find(c.getType()).map(ComponentTypeDescriptor::icon)
                            .map(Object.class::cast).orElseGet(() -> super.getImage(object));
                }
            };
        }
        return componentItemProvider;
    }

    @Override
    public Adapter createPortAdapter() {
        if (portItemProvider == null) {
            portItemProvider = new PortItemProvider(this) {
                @Override
                public String getText(Object object) {
                    Port p = (Port) object;
                    String unit = p.getUnit() == null || p.getUnit().isEmpty() ? "" : " [" + p.getUnit() + "]";
                    return nameOr(p, "port") + " " + (p.getDirection() == PortDirection.OUT ? "out" : "in") + " "
                            + p.getDataType().getLiteral() + unit;
                }

                @Override
                public void notifyChanged(Notification notification) {
                    super.notifyChanged(notification);
                    if (notification.getFeature() == TwinPackage.Literals.PORT__UNIT
                            || notification.getFeature() == TwinPackage.Literals.PORT__DIRECTION
                            || notification.getFeature() == TwinPackage.Literals.PORT__DATA_TYPE) {
                        fireNotifyChanged(new ViewerNotification(notification, notification.getNotifier(), false, true));
                    }
                }
            };
        }
        return portItemProvider;
    }

    @Override
    public Adapter createParameterAdapter() {
        if (parameterItemProvider == null) {
            parameterItemProvider = new ParameterItemProvider(this) {
                @Override
                public String getText(Object object) {
                    Parameter p = (Parameter) object;
                    String unit = p.getUnit() == null || p.getUnit().isEmpty() ? "" : " " + p.getUnit();
                    return (p.getName() == null ? "parameter" : p.getName()) + " = "
                            + (p.getValue() == null || p.getValue().isEmpty() ? "(not set)" : p.getValue() + unit);
                }

                @Override
                public void notifyChanged(Notification notification) {
                    super.notifyChanged(notification);
                    if (notification.getFeature() == TwinPackage.Literals.PARAMETER__UNIT) {
                        fireNotifyChanged(new ViewerNotification(notification, notification.getNotifier(), false, true));
                    }
                }
            };
        }
        return parameterItemProvider;
    }

    @Override
    public Adapter createConnectionAdapter() {
        if (connectionItemProvider == null) {
            connectionItemProvider = new ConnectionItemProvider(this) {
                @Override
                public String getText(Object object) {
                    Connection c = (Connection) object;
                    return portLabel(c.getSource()) + " \u2192 " + portLabel(c.getTarget());
                }

                @Override
                public void notifyChanged(Notification notification) {
                    super.notifyChanged(notification);
                    if (notification.getFeature() == TwinPackage.Literals.CONNECTION__SOURCE
                            || notification.getFeature() == TwinPackage.Literals.CONNECTION__TARGET) {
                        fireNotifyChanged(new ViewerNotification(notification, notification.getNotifier(), false, true));
                    }
                }
            };
        }
        return connectionItemProvider;
    }

    @Override
    public Adapter createOpcUaBindingAdapter() {
        if (opcUaBindingItemProvider == null) {
            opcUaBindingItemProvider = new OpcUaBindingItemProvider(this) {
                @Override
                public String getText(Object object) {
                    return bindingLabel((OpcUaBinding) object, ((OpcUaBinding) object).getNodeId());
                }
            };
        }
        return opcUaBindingItemProvider;
    }

    @Override
    public Adapter createModbusBindingAdapter() {
        if (modbusBindingItemProvider == null) {
            modbusBindingItemProvider = new ModbusBindingItemProvider(this) {
                @Override
                public String getText(Object object) {
                    ModbusBinding b = (ModbusBinding) object;
                    return bindingLabel(b, b.getTable().getLiteral() + " " + b.getAddress() + " " + b.getValueType().getLiteral());
                }
            };
        }
        return modbusBindingItemProvider;
    }

    @Override
    public Adapter createMqttBindingAdapter() {
        if (mqttBindingItemProvider == null) {
            mqttBindingItemProvider = new MqttBindingItemProvider(this) {
                @Override
                public String getText(Object object) {
                    MqttBinding b = (MqttBinding) object;
                    String pointer = b.getJsonPointer() == null || b.getJsonPointer().isEmpty() ? "" : " " + b.getJsonPointer();
                    return bindingLabel(b, b.getTopic() + pointer);
                }
            };
        }
        return mqttBindingItemProvider;
    }

    @Override
    public Adapter createAlertRuleAdapter() {
        if (alertRuleItemProvider == null) {
            alertRuleItemProvider = new AlertRuleItemProvider(this) {
                @Override
                public String getText(Object object) {
                    AlertRule a = (AlertRule) object;
                    String unit = a.getUnit() == null || a.getUnit().isEmpty() ? "" : " " + a.getUnit();
                    String condition = switch (a.getCondition()) {
                        case ABOVE -> "> " + a.getThreshold() + unit;
                        case BELOW -> "< " + a.getThreshold() + unit;
                        case OUTSIDE_RANGE -> "outside " + a.getLow() + " .. " + a.getHigh() + unit;
                        case RATE_OF_CHANGE_ABOVE -> "rate > " + a.getThreshold() + unit;
                        case ANOMALY_SCORE_ABOVE -> "anomaly score > " + a.getThreshold();
                    };
                    return nameOr(a, "alert") + " (" + a.getSeverity().getLiteral().toUpperCase(Locale.ROOT) + "): "
                            + portLabel(a.getSignal()) + " " + condition;
                }
            };
        }
        return alertRuleItemProvider;
    }

    @Override
    public Adapter createOpcUaEndpointAdapter() {
        if (opcUaEndpointItemProvider == null) {
            opcUaEndpointItemProvider = new OpcUaEndpointItemProvider(this) {
                @Override
                public String getText(Object object) {
                    OpcUaEndpoint e = (OpcUaEndpoint) object;
                    return nameOr(e, "endpoint") + " : OPC UA " + orQuestion(e.getUrl());
                }
            };
        }
        return opcUaEndpointItemProvider;
    }

    @Override
    public Adapter createModbusTcpEndpointAdapter() {
        if (modbusTcpEndpointItemProvider == null) {
            modbusTcpEndpointItemProvider = new ModbusTcpEndpointItemProvider(this) {
                @Override
                public String getText(Object object) {
                    ModbusTcpEndpoint e = (ModbusTcpEndpoint) object;
                    return nameOr(e, "endpoint") + " : Modbus TCP " + orQuestion(e.getHost()) + ":" + e.getPort() + " unit " + e.getUnitId();
                }
            };
        }
        return modbusTcpEndpointItemProvider;
    }

    @Override
    public Adapter createMqttEndpointAdapter() {
        if (mqttEndpointItemProvider == null) {
            mqttEndpointItemProvider = new MqttEndpointItemProvider(this) {
                @Override
                public String getText(Object object) {
                    MqttEndpoint e = (MqttEndpoint) object;
                    return nameOr(e, "endpoint") + " : MQTT " + orQuestion(e.getBrokerUrl());
                }
            };
        }
        return mqttEndpointItemProvider;
    }

    @Override
    public Adapter createSimulationSettingsAdapter() {
        if (simulationSettingsItemProvider == null) {
            simulationSettingsItemProvider = new SimulationSettingsItemProvider(this) {
                @Override
                public String getText(Object object) {
                    SimulationSettings s = (SimulationSettings) object;
                    String pace = s.getRealTimeFactor() == 0 ? "as fast as possible" : s.getRealTimeFactor() + "x real time";
                    String solver = s.getSolver() == org.twinstudio.model.Solver.DOPRI5
                            ? "dopri5 (tolerance " + s.getRelativeTolerance() + ")" : s.getSolver().getLiteral();
                    String step = s.getSolver() == org.twinstudio.model.Solver.DOPRI5 ? "output every " : "step ";
                    return "Simulation: " + step + s.getStepSize() + " s, stop " + s.getStopTime() + " s, " + solver
                            + ", " + pace;
                }
            };
        }
        return simulationSettingsItemProvider;
    }

    private static String orQuestion(String s) {
        return s == null || s.isEmpty() ? "?" : s;
    }

    static String nameOr(NamedElement e, String fallback) {
        return e.getName() == null || e.getName().isEmpty() ? "(unnamed " + fallback + ")" : e.getName();
    }

    static String portLabel(Port p) {
        if (p == null || p.eIsProxy()) {
            return "?";
        }
        return (p.getComponent() == null ? "?" : nameOr(p.getComponent(), "component")) + "." + nameOr(p, "port");
    }

    static String bindingLabel(Binding b, String address) {
        String arrow = b.getDirection() == BindingDirection.READ ? " \u2190 " : " \u2192 ";
        String endpoint = b.getEndpoint() == null ? "?" : nameOr(b.getEndpoint(), "endpoint");
        return portLabel(b.getPort()) + arrow + endpoint + " " + (address == null ? "?" : address);
    }

    /** For tests and callers that want this factory without the registry. */
    public static AdapterFactory create() {
        return new TwinstudioItemProviderAdapterFactory();
    }
}
