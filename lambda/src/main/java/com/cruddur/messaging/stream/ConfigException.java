package com.cruddur.messaging.stream;

/** The environment holds a value the handler cannot work with. Thrown at start-up, never per record. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
