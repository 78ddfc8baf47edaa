package org.twinstudio.connect.opcua;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.model.variables.BaseAnalogTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twinstudio.connect.ParameterInfo;
import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.model.DataType;

/**
 * The address space of one running twin. Under {@code Objects}: a folder named after the model holding a folder per
 * component (NodeId {@code ns=N;s=COMPONENT}) with a variable per port ({@code s=COMPONENT.PORT}) and a
 * {@code Parameters} folder ({@code s=COMPONENT.Parameters.NAME}, read-only), plus a {@code Simulation} object
 * ({@code s=Simulation}) with the variables Time, Cycle and Running and the methods Start, Stop, Reset and
 * InjectFault(target, fault).
 * <p>
 * Port values are pushed, not sampled: {@link #publish()} (called after each cycle, off the session's thread) sets
 * every changed port's value and hands it to the monitored items on it, so subscribers see every cycle's value up to
 * their queue size. Writes to input ports go to {@link TwinAccess#setInput}; a refused write answers with a Bad
 * status code.
 */
final class TwinNamespace extends ManagedNamespaceWithLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TwinNamespace.class);

    private final TwinAccess twin;
    private final List<PortInfo> ports;
    private final UaVariableNode[] portNodes;
    private final double[] published;
    private final Map<NodeId, Integer> portByNode = new HashMap<>();
    private final Map<NodeId, CopyOnWriteArrayList<DataItem>> items = new ConcurrentHashMap<>();
    private UaVariableNode timeNode;
    private UaVariableNode cycleNode;
    private UaVariableNode runningNode;
    private long lastCycle = -1;

    TwinNamespace(OpcUaServer server, String namespaceUri, TwinAccess twin) {
        super(server, namespaceUri);
        this.twin = twin;
        this.ports = twin.ports();
        this.portNodes = new UaVariableNode[ports.size()];
        this.published = new double[ports.size()];
        java.util.Arrays.fill(published, Double.NaN);
        getLifecycleManager().addStartupTask(this::createNodes);
    }

    /** The NodeId of a port's variable. */
    NodeId portNodeId(PortInfo port) {
        return newNodeId(port.path());
    }

    private void createNodes() {
        String model = twin.modelName();
        UaFolderNode root = folder(model, model);
        root.addReference(new Reference(root.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(),
                false));
        Map<String, UaFolderNode> components = new HashMap<>();
        Map<String, UaFolderNode> parameterFolders = new HashMap<>();
        for (PortInfo port : ports) {
            UaFolderNode folder = components.computeIfAbsent(port.component(), c -> {
                UaFolderNode f = folder(c, c);
                root.addOrganizes(f);
                return f;
            });
            UaVariableNode node = portVariable(port);
            folder.addOrganizes(node);
            portNodes[port.index()] = node;
            portByNode.put(node.getNodeId(), port.index());
        }
        for (ParameterInfo p : twin.parameters()) {
            UaFolderNode folder = components.computeIfAbsent(p.component(), c -> {
                UaFolderNode f = folder(c, c);
                root.addOrganizes(f);
                return f;
            });
            UaFolderNode parameters = parameterFolders.computeIfAbsent(p.component(), c -> {
                UaFolderNode f = folder(c + ".Parameters", "Parameters");
                folder.addOrganizes(f);
                return f;
            });
            parameters.addOrganizes(parameterVariable(p));
        }
        createSimulationObject(root);
        publish();
    }

    private UaFolderNode folder(String id, String name) {
        UaFolderNode f = new UaFolderNode(getNodeContext(), newNodeId(id), newQualifiedName(name),
                LocalizedText.english(name));
        getNodeManager().addNode(f);
        return f;
    }

    private UaVariableNode portVariable(PortInfo port) {
        NodeId id = newNodeId(port.path());
        NodeId dataType = dataTypeOf(port.dataType());
        var access = port.isInput() ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY;
        UaVariableNode node;
        boolean analog = port.dataType() == DataType.REAL || port.dataType() == DataType.INTEGER;
        if (analog) {
            boolean hasUnit = port.unit() != null && !port.unit().isBlank();
            try {
                node = (UaVariableNode) getNodeFactory().createNode(id, NodeIds.BaseAnalogType,
                        new NodeFactory.InstantiationCallback() {
                            @Override
                            public boolean includeOptionalNode(NodeId typeDefinitionId, QualifiedName browseName) {
                                return switch (browseName.name()) {
                                    case "EngineeringUnits" -> hasUnit;
                                    case "EURange" -> port.hasRange();
                                    default -> false;
                                };
                            }
                        });
            } catch (UaException e) {
                throw new IllegalStateException("cannot create the variable of " + port.path(), e);
            }
            BaseAnalogTypeNode analogNode = (BaseAnalogTypeNode) node;
            if (hasUnit) {
                analogNode.setEngineeringUnits(EngineeringUnits.of(port.unit()));
            }
            if (port.hasRange()) {
                analogNode.setEuRange(new Range(port.min(), port.max()));
            }
            node.setBrowseName(newQualifiedName(port.name()));
            node.setDisplayName(LocalizedText.english(port.name()));
            node.setDataType(dataType);
            node.setValueRank(ValueRanks.Scalar);
        } else {
            node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext()).setNodeId(id).setBrowseName(newQualifiedName(port.name()))
                    .setDisplayName(LocalizedText.english(port.name())).setDataType(dataType)
                    .setTypeDefinition(NodeIds.BaseDataVariableType).setValueRank(ValueRanks.Scalar).build();
        }
        if (port.description() != null && !port.description().isBlank()) {
            node.setDescription(LocalizedText.english(port.description()));
        }
        node.setAccessLevel(AccessLevel.toValue(access));
        node.setUserAccessLevel(AccessLevel.toValue(access));
        node.setValue(new DataValue(variantOf(port.dataType(), port.start()), StatusCode.GOOD, DateTime.now()));
        getNodeManager().addNode(node);
        return node;
    }

    private UaVariableNode parameterVariable(ParameterInfo p) {
        boolean numeric = !Double.isNaN(p.value());
        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(p.component() + ".Parameters." + p.name()))
                .setBrowseName(newQualifiedName(p.name())).setDisplayName(LocalizedText.english(p.name()))
                .setDataType(numeric ? NodeIds.Double : NodeIds.String)
                .setTypeDefinition(numeric ? NodeIds.PropertyType : NodeIds.PropertyType)
                .setValueRank(ValueRanks.Scalar).setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY).build();
        node.setValue(new DataValue(numeric ? Variant.ofDouble(p.value()) : Variant.ofString(p.text())));
        if (p.unit() != null && !p.unit().isBlank()) {
            node.setDescription(LocalizedText.english(p.unit()));
        }
        getNodeManager().addNode(node);
        return node;
    }

    private void createSimulationObject(UaFolderNode root) {
        UaFolderNode sim = folder("Simulation", "Simulation");
        root.addOrganizes(sim);
        timeNode = readOnly(sim, "Simulation.Time", "Time", NodeIds.Double, Variant.ofDouble(twin.time()));
        cycleNode = readOnly(sim, "Simulation.Cycle", "Cycle", NodeIds.Int64, Variant.ofInt64(twin.cycle()));
        runningNode = readOnly(sim, "Simulation.Running", "Running", NodeIds.Boolean,
                Variant.ofBoolean(twin.control().running()));
        method(sim, "Start", "Resumes the simulation.", List.of(), (ctx, in) -> twin.control().start());
        method(sim, "Stop", "Pauses the simulation; values stay readable and inputs writable.", List.of(),
                (ctx, in) -> twin.control().stop());
        method(sim, "Reset", "Restarts the simulation from time 0 with the model's start values; clears faults.",
                List.of(), (ctx, in) -> twin.control().reset());
        method(sim, "InjectFault", "Injects a fault: target (component or component.port) and fault in the CLI's"
                + " notation, e.g. target sensorT.value and fault stuck:45.",
                List.of(stringArgument("target", "Component or port, e.g. sensorT.value"),
                        stringArgument("fault", "Fault kind with argument and timing, e.g. stuck:45 or drift:0.1@10")),
                (ctx, in) -> twin.control().injectFault(in[0].getValue() + "=" + in[1].getValue()));
        method(sim, "ClearFaults", "Removes all faults.", List.of(), (ctx, in) -> twin.control().clearFaults());
    }

    private UaVariableNode readOnly(UaFolderNode parent, String id, String name, NodeId type, Variant value) {
        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext()).setNodeId(newNodeId(id))
                .setBrowseName(newQualifiedName(name)).setDisplayName(LocalizedText.english(name)).setDataType(type)
                .setTypeDefinition(NodeIds.BaseDataVariableType).setValueRank(ValueRanks.Scalar)
                .setAccessLevel(AccessLevel.READ_ONLY).setUserAccessLevel(AccessLevel.READ_ONLY).build();
        node.setValue(new DataValue(value));
        getNodeManager().addNode(node);
        parent.addOrganizes(node);
        return node;
    }

    private static Argument stringArgument(String name, String description) {
        return new Argument(name, NodeIds.String, ValueRanks.Scalar, null, LocalizedText.english(description));
    }

    @FunctionalInterface
    private interface Action {
        void run(AbstractMethodInvocationHandler.InvocationContext context, Variant[] inputs);
    }

    private void method(UaFolderNode parent, String name, String description, List<Argument> inputs, Action action) {
        UaMethodNode node = UaMethodNode.builder(getNodeContext()).setNodeId(newNodeId("Simulation." + name))
                .setBrowseName(newQualifiedName(name)).setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description)).build();
        Argument[] in = inputs.toArray(Argument[]::new);
        var handler = new AbstractMethodInvocationHandler(node) {
            @Override
            public Argument[] getInputArguments() {
                return in;
            }

            @Override
            public Argument[] getOutputArguments() {
                return new Argument[0];
            }

            @Override
            protected Variant[] invoke(InvocationContext context, Variant[] values) throws UaException {
                try {
                    action.run(context, values);
                } catch (IllegalArgumentException e) {
                    throw new UaException(StatusCodes.Bad_InvalidArgument, e.getMessage());
                } catch (IllegalStateException e) {
                    throw new UaException(StatusCodes.Bad_InvalidState, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("{} failed", name, e);
                    throw new UaException(StatusCodes.Bad_InternalError, String.valueOf(e.getMessage()));
                }
                return new Variant[0];
            }
        };
        if (in.length > 0) {
            node.setInputArguments(in);
        }
        node.setInvocationHandler(handler);
        getNodeManager().addNode(node);
        node.addReference(new Reference(node.getNodeId(), NodeIds.HasComponent, parent.getNodeId().expanded(),
                false));
    }

    static NodeId dataTypeOf(DataType type) {
        return switch (type == null ? DataType.REAL : type) {
            case REAL -> NodeIds.Double;
            case INTEGER -> NodeIds.Int32;
            case BOOLEAN -> NodeIds.Boolean;
            case STRING -> NodeIds.String;
        };
    }

    static Variant variantOf(DataType type, double v) {
        return switch (type == null ? DataType.REAL : type) {
            case REAL -> Variant.ofDouble(v);
            case INTEGER -> Variant.ofInt32((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                    Math.round(v))));
            case BOOLEAN -> Variant.ofBoolean(v != 0);
            case STRING -> Variant.ofString(Double.toString(v));
        };
    }

    /**
     * Sets the value of every port that changed since the last call and of the Simulation variables, and pushes them
     * to the monitored items on them. Called on the publisher thread only.
     */
    void publish() {
        if (portNodes.length > 0 && portNodes[portNodes.length - 1] == null) {
            return; // nodes not created yet
        }
        long cycle = twin.cycle();
        if (cycle == lastCycle) {
            return;
        }
        lastCycle = cycle;
        DateTime now = DateTime.now();
        for (int i = 0; i < portNodes.length; i++) {
            double v = twin.value(i);
            if (Double.doubleToLongBits(v) == Double.doubleToLongBits(published[i])) {
                continue;
            }
            published[i] = v;
            update(portNodes[i], new DataValue(variantOf(ports.get(i).dataType(), v), StatusCode.GOOD, now, now));
        }
        if (timeNode != null) {
            update(timeNode, new DataValue(Variant.ofDouble(twin.time()), StatusCode.GOOD, now, now));
            update(cycleNode, new DataValue(Variant.ofInt64(cycle), StatusCode.GOOD, now, now));
        }
        publishRunning();
    }

    /** Updates Simulation.Running if it changed: it also changes while no cycles run (Stop, Start, the end). */
    void publishRunning() {
        if (runningNode == null) {
            return;
        }
        boolean running = twin.control().running();
        if (!(runningNode.getValue().getValue().getValue() instanceof Boolean b) || b != running) {
            DateTime now = DateTime.now();
            update(runningNode, new DataValue(Variant.ofBoolean(running), StatusCode.GOOD, now, now));
        }
    }

    private void update(UaVariableNode node, DataValue value) {
        node.setValue(value);
        List<DataItem> watching = items.get(node.getNodeId());
        if (watching != null) {
            for (DataItem item : watching) {
                if (item.isSamplingEnabled()) {
                    item.setValue(value);
                }
            }
        }
    }

    @Override
    public List<StatusCode> write(WriteContext context, List<WriteValue> writeValues) {
        List<StatusCode> results = new ArrayList<>(writeValues.size());
        List<WriteValue> others = new ArrayList<>();
        List<Integer> otherSlots = new ArrayList<>();
        for (WriteValue w : writeValues) {
            Integer port = portByNode.get(w.getNodeId());
            if (port == null || !AttributeId.Value.uid().equals(w.getAttributeId())) {
                otherSlots.add(results.size());
                others.add(w);
                results.add(null);
            } else {
                results.add(writePort(ports.get(port), w));
            }
        }
        if (!others.isEmpty()) {
            List<StatusCode> delegated = super.write(context, others);
            for (int k = 0; k < others.size(); k++) {
                results.set(otherSlots.get(k), delegated.get(k));
            }
        }
        return results;
    }

    /** An input port's value written by a peer; the status says why a write was refused. */
    private StatusCode writePort(PortInfo port, WriteValue w) {
        if (!port.isInput()) {
            return new StatusCode(StatusCodes.Bad_NotWritable);
        }
        if (w.getIndexRange() != null && !w.getIndexRange().isEmpty()) {
            return new StatusCode(StatusCodes.Bad_WriteNotSupported);
        }
        Object value = w.getValue() == null || w.getValue().getValue() == null ? null
                : w.getValue().getValue().getValue();
        double v;
        if (value instanceof Boolean b) {
            v = b ? 1 : 0;
        } else if (value instanceof Number n && port.dataType() != DataType.BOOLEAN) {
            v = n.doubleValue();
        } else if (value instanceof org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UNumber n
                && port.dataType() != DataType.BOOLEAN) {
            v = n.doubleValue();
        } else {
            return new StatusCode(StatusCodes.Bad_TypeMismatch);
        }
        if (!Double.isFinite(v) || port.hasRange() && (v < port.min() || v > port.max())) {
            return new StatusCode(StatusCodes.Bad_OutOfRange);
        }
        try {
            twin.setInput(port.index(), v);
            return StatusCode.GOOD;
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.debug("write to {} refused: {}", port.path(), e.getMessage());
            return new StatusCode(StatusCodes.Bad_NotWritable);
        } catch (RuntimeException e) {
            LOG.warn("write to {} failed", port.path(), e);
            return new StatusCode(StatusCodes.Bad_InternalError);
        }
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
        for (DataItem item : dataItems) {
            NodeId node = item.getReadValueId().getNodeId();
            if (!AttributeId.Value.uid().equals(item.getReadValueId().getAttributeId())) {
                // Other attributes do not change while the twin runs: one sample is all there is.
                getNodeManager().getNode(node).ifPresent(n -> sampleOnce(n, item));
                continue;
            }
            items.computeIfAbsent(node, k -> new CopyOnWriteArrayList<>()).add(item);
            getNodeManager().getNode(node).ifPresent(n -> {
                if (n instanceof UaVariableNode v) {
                    item.setValue(v.getValue());
                } else {
                    item.setQuality(new StatusCode(StatusCodes.Bad_AttributeIdInvalid));
                }
            });
        }
    }

    private static void sampleOnce(UaNode node, DataItem item) {
        try {
            AttributeId attribute = AttributeId.from(item.getReadValueId().getAttributeId())
                    .orElseThrow(() -> new UaException(StatusCodes.Bad_AttributeIdInvalid));
            Object value = node.getAttribute(org.eclipse.milo.opcua.sdk.server.AccessContext.INTERNAL, attribute);
            item.setValue(value instanceof DataValue dv ? dv : new DataValue(new Variant(value)));
        } catch (UaException | RuntimeException e) {
            item.setQuality(new StatusCode(StatusCodes.Bad_AttributeIdInvalid));
        }
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
        // Pushed values do not depend on the sampling interval.
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
        for (DataItem item : dataItems) {
            List<DataItem> list = items.get(item.getReadValueId().getNodeId());
            if (list != null) {
                list.remove(item);
            }
        }
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        // isSamplingEnabled() is checked on every push.
    }
}
