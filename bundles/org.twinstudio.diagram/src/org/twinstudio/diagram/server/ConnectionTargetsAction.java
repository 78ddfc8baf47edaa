package org.twinstudio.diagram.server;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.glsp.server.actions.AbstractActionHandler;
import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.RequestAction;
import org.eclipse.glsp.server.actions.ResponseAction;
import org.twinstudio.diagram.ConnectionRules;
import org.twinstudio.model.Component;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;

import com.google.inject.Inject;

/**
 * Which input ports a connection from a given output may end at, by {@link ConnectionRules} (direction, data type,
 * units, not driven yet): the client marks them while the user drags a new connection, so the valid targets show
 * before the pointer reaches them.
 */
public final class ConnectionTargetsAction {

    private ConnectionTargetsAction() {
    }

    /** Client to server: the valid targets of a connection from the port {@code sourceId}. */
    public static class Request extends RequestAction<Response> {

        public static final String KIND = "twinRequestConnectionTargets";

        private String sourceId;

        public Request() {
            super(KIND);
        }

        public Request(String sourceId) {
            this();
            this.sourceId = sourceId;
        }

        public String getSourceId() {
            return sourceId;
        }
    }

    /** Server to client: the graph ids of the input ports a connection from {@code sourceId} may end at. */
    public static class Response extends ResponseAction {

        public static final String KIND = "twinSetConnectionTargets";

        private String sourceId;
        private List<String> targetIds = List.of();

        public Response() {
            super(KIND);
        }

        public Response(String sourceId, List<String> targetIds) {
            this();
            this.sourceId = sourceId;
            this.targetIds = targetIds;
        }

        public String getSourceId() {
            return sourceId;
        }

        public List<String> getTargetIds() {
            return targetIds;
        }
    }

    /** Answers a {@link Request} from the twin as it is now; a source that is no output gets no targets. */
    public static class Handler extends AbstractActionHandler<Request> {

        @Inject
        private TwinModelState modelState;

        @Override
        protected List<Action> executeAction(Request request) {
            List<String> targets = new ArrayList<>();
            if (modelState.hasDocument() && modelState.elementOf(request.getSourceId()) instanceof Port source
                    && ConnectionRules.checkSource(source).isEmpty()) {
                for (Component component : modelState.getTwinModel().getComponents()) {
                    for (Port target : component.getPorts()) {
                        if (target.getDirection() == PortDirection.IN
                                && ConnectionRules.check(source, target, null).isEmpty()) {
                            String id = modelState.idOf(target);
                            if (id != null) {
                                targets.add(id);
                            }
                        }
                    }
                }
            }
            Response response = new Response(request.getSourceId(), targets);
            response.setResponseId(request.getRequestId());
            return List.of(response);
        }
    }
}
