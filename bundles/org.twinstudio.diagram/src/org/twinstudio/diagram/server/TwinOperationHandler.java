package org.twinstudio.diagram.server;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.glsp.server.actions.ActionDispatcher;
import org.eclipse.glsp.server.operations.BasicOperationHandler;
import org.eclipse.glsp.server.operations.Operation;
import org.eclipse.glsp.server.utils.MessageActionUtil;
import org.twinstudio.diagram.TwinRecordingCommand;
import org.twinstudio.model.TwinModel;

import com.google.inject.Inject;

/**
 * Base of the twin's operation handlers: each turns a client operation into one {@link TwinRecordingCommand} on the
 * document's command stack, or refuses it with a message the client shows.
 */
public abstract class TwinOperationHandler<O extends Operation> extends BasicOperationHandler<O> {

    @Inject
    protected TwinModelState twin;
    @Inject
    protected ActionDispatcher actionDispatcher;

    protected TwinModel model() {
        return twin.getTwinModel();
    }

    /** One undoable command recording what {@code body} changes in the twin's resource. */
    protected Optional<Command> command(String label, Collection<?> affected, Runnable body) {
        return Optional.of(new TwinRecordingCommand(label, twin.getDocument().resource(), affected, body));
    }

    protected Optional<Command> command(String label, Runnable body) {
        return command(label, List.of(), body);
    }

    /** Tells the client why the operation was not done, and does nothing. */
    protected Optional<Command> refuse(String reason) {
        actionDispatcher.dispatch(MessageActionUtil.warn(reason));
        return Optional.empty();
    }

    /** The model element behind a graph id, if it is of the given type. */
    protected <T extends EObject> Optional<T> element(String graphId, Class<T> type) {
        EObject element = graphId == null ? null : twin.elementOf(graphId);
        return type.isInstance(element) ? Optional.of(type.cast(element)) : Optional.empty();
    }
}
