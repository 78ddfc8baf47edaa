package org.twinstudio.diagram;

import java.util.Collection;
import java.util.List;

import org.eclipse.emf.common.command.AbstractCommand;
import org.eclipse.emf.common.notify.Notifier;
import org.eclipse.emf.ecore.change.ChangeDescription;
import org.eclipse.emf.ecore.change.util.ChangeRecorder;

/**
 * An undoable EMF command whose changes are recorded while it runs: every change to the twin's resource (model
 * and notation) made by the body is captured in a {@link ChangeDescription}; undo applies the reverse, redo the
 * reverse of that. So one diagram gesture — however many objects it touches — is one entry of the command stack,
 * and undo restores the resource exactly. A body that throws leaves the resource as it was.
 */
public final class TwinRecordingCommand extends AbstractCommand {

    private final Notifier target;
    private final Runnable body;
    private final Collection<?> affected;
    private ChangeDescription changes;

    /**
     * @param target what to record (the twin's resource)
     * @param affected the objects to select after execution (may be empty)
     */
    public TwinRecordingCommand(String label, Notifier target, Collection<?> affected, Runnable body) {
        super(label, label);
        this.target = target;
        this.body = body;
        this.affected = affected;
    }

    public TwinRecordingCommand(String label, Notifier target, Runnable body) {
        this(label, target, List.of(), body);
    }

    @Override
    protected boolean prepare() {
        return true;
    }

    @Override
    public void execute() {
        ChangeRecorder recorder = new ChangeRecorder(List.of(target));
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            recorder.endRecording().apply();
            throw e;
        } finally {
            if (recorder.isRecording()) {
                changes = recorder.endRecording();
            }
            recorder.dispose();
        }
    }

    @Override
    public boolean canUndo() {
        return changes != null;
    }

    @Override
    public void undo() {
        changes.applyAndReverse();
    }

    @Override
    public void redo() {
        changes.applyAndReverse();
    }

    /** What the last execute, undo or redo changed (reversed by each undo and redo), or {@code null} before. */
    public ChangeDescription changes() {
        return changes;
    }

    @Override
    public Collection<?> getAffectedObjects() {
        return affected;
    }
}
