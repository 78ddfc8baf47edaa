import { EdgeRouterRegistry, EdgeRouting, GParentElement, IEdgeRouter, TYPES } from '@eclipse-glsp/client';
import { injectable, multiInject, optional } from 'inversify';

/**
 * sprotty's registry without the up-front routing of every edge on each render: an edge is routed when it is drawn
 * (the edge view asks the registry then), so edges out of view cost nothing. sprotty's up-front pass also walks the
 * model by taking elements off the front of an array (`shift`, quadratic: over a second per render for a twin of
 * 2,000 components with their ports, labels and markers) and sweeps all routes for crossings, which connections
 * drawn without jumps or gaps do not use.
 */
@injectable()
export class TwinEdgeRouterRegistry extends EdgeRouterRegistry {
    constructor(@multiInject(TYPES.IEdgeRouter) @optional() edgeRouters: IEdgeRouter[]) {
        super(edgeRouters ?? []);
    }

    override routeAllChildren(_parent: Readonly<GParentElement>): EdgeRouting {
        return new EdgeRouting();
    }
}
