package io.imagegraph.core.run;

/**
 * What a command was asked to do cannot be done as asked (a report that is not there, a tag that
 * is not a tag, a hold of an image the run does not have); nothing was done. The CLI answers with
 * exit code 2, the plugin fails the step with the message.
 */
public final class RunRequestException extends Exception {

    public RunRequestException(String message) {
        super(message);
    }
}
