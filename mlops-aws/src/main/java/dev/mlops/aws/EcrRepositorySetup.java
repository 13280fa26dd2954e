package dev.mlops.aws;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.image.RepositorySetup;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Makes sure the ECR repository exists before a push; creates it, with immutable tags and scan on
 * push, when asked to ({@code <ecrCreateRepository>}), and otherwise says how to.
 */
public final class EcrRepositorySetup implements RepositorySetup {

    private final EcrClient ecr;
    private final boolean create;
    private final MlopsEvents events;

    public EcrRepositorySetup(EcrClient ecr, boolean create, MlopsEvents events) {
        this.ecr = ecr;
        this.create = create;
        this.events = events;
    }

    @Override
    public void ensure(String registry, String repository) {
        EcrRegistry ecrRegistry = EcrRegistry.require(registry);
        try {
            ecr.describeRepositories(b -> b.registryId(ecrRegistry.accountId()).repositoryNames(repository));
            return;
        } catch (RepositoryNotFoundException e) {
            if (!create) {
                throw new ConfigurationException(Text.of("The ECR repository '" + repository + "' does not exist in "
                        + registry + ". Create it (with immutable tags), or let the goal create it: ",
                        Setting.ECR_CREATE_REPOSITORY.is(true), "."), e);
            }
        } catch (SdkException e) {
            throw failed("DescribeRepositories", repository, e);
        }
        try {
            ecr.createRepository(b -> b.registryId(ecrRegistry.accountId()).repositoryName(repository)
                    .imageTagMutability(ImageTagMutability.IMMUTABLE)
                    .imageScanningConfiguration(s -> s.scanOnPush(true)));
            events.info("Created ECR repository '" + repository + "' in " + registry + " with immutable tags");
        } catch (RepositoryAlreadyExistsException raced) {
            events.debug("ECR repository '" + repository + "' was created meanwhile by another pipeline");
        } catch (SdkException e) {
            throw failed("CreateRepository", repository, e);
        }
    }

    private static RuntimeException failed(String action, String repository, SdkException e) {
        if (e instanceof EcrException ecrError && !ecrError.isThrottlingException() && ecrError.statusCode() >= 400 && ecrError.statusCode() < 500) {
            return new ConfigurationException("ECR refused " + action + " for '" + repository + "' ("
                    + ecrError.awsErrorDetails().errorCode() + "). Give the CI role ecr:" + action
                    + " (see docs/goals/package.md, ECR set-up).", e);
        }
        return new InfrastructureException("ECR " + action + " for '" + repository + "' failed after the SDK's retries: "
                + e.getMessage(), e);
    }
}
