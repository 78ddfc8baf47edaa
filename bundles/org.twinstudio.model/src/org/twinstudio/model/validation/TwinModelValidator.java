package org.twinstudio.model.validation;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;

/** TEMPORARY stand-in until the model API lands on main. */
public final class TwinModelValidator {
    private TwinModelValidator() {
    }

    public static List<TwinDiagnostic> validate(Resource r) {
        List<TwinDiagnostic> out = new ArrayList<>();
        String file = r.getURI() == null ? null : r.getURI().toString();
        for (Object o : r.getContents()) {
            if (o instanceof TwinModel m) {
                for (Component c : m.getComponents()) {
                    for (Port p : c.getPorts()) {
                        if (p.getDirection() == PortDirection.IN
                                && m.getConnections().stream().noneMatch(k -> k.getTarget() == p)) {
                            out.add(new TwinDiagnostic(TwinDiagnostic.Severity.WARNING,
                                    "Input port " + c.getName() + "." + p.getName() + " is not connected", file, 1, 1,
                                    EcoreUtil.getURI(p).toString()));
                        }
                    }
                }
                for (Connection k : m.getConnections()) {
                    if (k.getSource() == null || k.getTarget() == null) {
                        out.add(new TwinDiagnostic(TwinDiagnostic.Severity.ERROR, "Dangling connection", file, 1, 1,
                                EcoreUtil.getURI(k).toString()));
                    }
                }
            }
        }
        return out;
    }
}
