package org.twinstudio.ui.emf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.edit.command.DeleteCommand;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.twinstudio.model.Connection;
import org.twinstudio.model.TwinModel;

/** Model edits shared by the twin editors (tree and diagram), as undoable EMF commands. */
public final class TwinCommands {

    private TwinCommands() {
    }

    /**
     * A command deleting {@code elements} (model elements with a container; others are ignored) together with every
     * connection attached to a deleted port or component, so no connection is left dangling; {@code null} when
     * there is nothing to delete.
     */
    public static Command delete(EditingDomain domain, TwinModel model, Collection<?> elements) {
        List<Object> doomed = new ArrayList<>();
        for (Object element : elements) {
            if (element instanceof EObject object && object.eContainer() != null && !doomed.contains(object)) {
                doomed.add(element);
            }
        }
        if (doomed.isEmpty()) {
            return null;
        }
        if (model != null) {
            for (Connection connection : model.getConnections()) {
                if (!doomed.contains(connection)
                        && (isDeleted(connection.getSource(), doomed) || isDeleted(connection.getTarget(), doomed))) {
                    doomed.add(connection);
                }
            }
        }
        Command command = DeleteCommand.create(domain, doomed);
        return command.canExecute() ? command : null;
    }

    private static boolean isDeleted(EObject object, Collection<Object> doomed) {
        for (EObject current = object; current != null; current = current.eContainer()) {
            if (doomed.contains(current)) {
                return true;
            }
        }
        return false;
    }
}
