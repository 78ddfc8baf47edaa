package org.twinstudio.diagram.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.glsp.server.actions.AbstractActionHandler;
import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.features.clipboard.RequestClipboardDataAction;
import org.eclipse.glsp.server.features.clipboard.SetClipboardDataAction;
import org.eclipse.glsp.server.utils.MessageActionUtil;
import org.twinstudio.diagram.TwinClipboard;
import org.twinstudio.model.Component;

import com.google.inject.Inject;

/** Copy: the selected components, and the connections among them, as {@link TwinClipboard} text. */
public class RequestClipboardDataHandler extends AbstractActionHandler<RequestClipboardDataAction> {

    @Inject
    private TwinModelState twin;

    @Override
    protected List<Action> executeAction(RequestClipboardDataAction action) {
        List<Component> selected = new ArrayList<>();
        List<String> ids = action.getEditorContext() == null ? null : action.getEditorContext().getSelectedElementIds();
        for (String id : ids == null ? List.<String>of() : ids) {
            EObject element = twin.elementOf(id);
            if (element instanceof Component c && !selected.contains(c)) {
                selected.add(c);
            }
        }
        if (selected.isEmpty()) {
            return listOf(new SetClipboardDataAction(Map.of()));
        }
        try {
            return listOf(new SetClipboardDataAction(Map.of(TwinClipboard.MIME_TYPE, TwinClipboard.copy(twin.getTwinModel(), selected))));
        } catch (IOException e) {
            return listOf(MessageActionUtil.error("cannot copy the selection: " + e.getMessage()));
        }
    }
}
