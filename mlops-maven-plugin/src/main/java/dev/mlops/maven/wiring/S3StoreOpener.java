package dev.mlops.maven.wiring;

import dev.mlops.aws.AwsClients;
import dev.mlops.aws.store.S3ModelStore;
import dev.mlops.core.store.ModelStore;
import java.net.URI;

/** {@code s3://bucket/prefix}: the store in an S3 bucket, on the goal's region and S3 endpoint. */
final class S3StoreOpener implements StoreOpener {

    @Override
    public ModelStore open(URI location, StoreContext context) {
        // the location is checked (bucket naming rules) before a client is built
        return S3ModelStore.open(location.toString(), new AwsClients(context.aws()));
    }
}
