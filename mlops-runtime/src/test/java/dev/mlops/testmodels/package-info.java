/**
 * The tiny models every module's tests train and serve, in one place: the runtime's tests use them
 * directly, core and plugin tests through this module's {@code tests} jar (only this package is in it),
 * and the Maven builds of the plugin's tests (invoker cases, the bad-input catalogue) list
 * {@link dev.mlops.testmodels.MajorityModel} in their own {@code META-INF/services}. None of them
 * registers itself as a service here, so a test class path never finds a model by accident.
 */
package dev.mlops.testmodels;
