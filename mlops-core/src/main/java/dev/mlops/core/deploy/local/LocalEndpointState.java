package dev.mlops.core.deploy.local;

/**
 * What {@code <endpoints>/<name>/endpoint.json} remembers of a local endpoint between builds.
 *
 * @param port the router's port: the endpoint's address, stable across deployments
 * @param serverPid the model server that the route points at
 * @param serverStartedAt when it started (epoch ms), so that a reused pid is not taken for it
 * @param deploymentDir the unpacked model and copied class path of the version serving
 */
public record LocalEndpointState(String name, String model, long routerPid, long routerStartedAt, int port,
        String version, long serverPid, long serverStartedAt, int serverPort, String deploymentDir, String deployedAt) {

    LocalEndpointState serving(String newVersion, long newServerPid, long newServerStartedAt, int newServerPort,
            String newDeploymentDir, String at) {
        return new LocalEndpointState(name, model, routerPid, routerStartedAt, port, newVersion, newServerPid,
                newServerStartedAt, newServerPort, newDeploymentDir, at);
    }
}
