package org.twinstudio.ui.internal.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jface.viewers.ICheckStateProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.twinstudio.sim.Signal;

/** The signals of a run grouped by component, for the checkbox tree of the results view. */
final class SignalTree {

    private SignalTree() {
    }

    /** A component and its recorded signals. */
    record Group(String component, List<Signal> signals) {
    }

    static List<Group> groups(List<Signal> signals) {
        Map<String, List<Signal>> byComponent = new LinkedHashMap<>();
        for (Signal signal : signals) {
            byComponent.computeIfAbsent(signal.component(), c -> new ArrayList<>()).add(signal);
        }
        return byComponent.entrySet().stream().map(e -> new Group(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /** How a unit is shown: {@code [degC]}, or {@code [-]} for values without unit (booleans, ratios). */
    static String unitLabel(String unit) {
        return "[" + (unit == null || unit.isEmpty() ? "-" : unit) + "]";
    }

    static final class ContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof List<?> list ? list.toArray() : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof Group group ? group.signals().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof Group group && !group.signals().isEmpty();
        }
    }

    static final class Labels extends LabelProvider {
        @Override
        public String getText(Object element) {
            if (element instanceof Group group) {
                return group.component();
            }
            if (element instanceof Signal signal) {
                return signal.port() + " " + unitLabel(signal.unit());
            }
            return super.getText(element);
        }
    }

    /** A signal is checked when plotted; a component when all its signals are, greyed when only some are. */
    static final class CheckState implements ICheckStateProvider {
        private final Set<String> plotted;

        CheckState(Set<String> plotted) {
            this.plotted = plotted;
        }

        @Override
        public boolean isChecked(Object element) {
            if (element instanceof Signal signal) {
                return plotted.contains(signal.name());
            }
            return element instanceof Group group && group.signals().stream().anyMatch(s -> plotted.contains(s.name()));
        }

        @Override
        public boolean isGrayed(Object element) {
            return element instanceof Group group && group.signals().stream().anyMatch(s -> plotted.contains(s.name()))
                    && !group.signals().stream().allMatch(s -> plotted.contains(s.name()));
        }
    }
}
