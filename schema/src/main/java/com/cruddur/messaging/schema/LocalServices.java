package com.cruddur.messaging.schema;

/**
 * How the tools and the tests sign their requests to the local stand-ins of AWS's services (DynamoDB
 * Local, an S3-compatible server such as s3proxy): one definition, because DynamoDB Local keeps a
 * separate set of tables per access key and region, so a tool and a test that disagreed here would
 * not see each other's tables. Neither server checks more than that the signature matches these.
 */
public final class LocalServices {

    /** The access key id of every local client. */
    public static final String ACCESS_KEY_ID = "local";
    /** Its secret. Not a secret: the local servers accept it and nothing else. */
    public static final String SECRET_ACCESS_KEY = "local";
    /** The region of every local client: DynamoDB Local ignores it beyond keeping tables apart, the SDK needs one. */
    public static final String REGION = "us-east-1";

    private LocalServices() {
    }
}
