package io.imagegraph.core.pipeline;

/**
 * What a step that was running when Jenkins restarted says when the build resumes. Its work ran
 * in a thread of the controller, which the restart ended, so it cannot be picked up again: it
 * fails with a sentence naming the step and what to run again, which depends on the step (a build
 * reuses what was pushed, a promotion settles what it left pending, ...).
 */
public final class StepAfterRestart {

    private StepAfterRestart() {
    }

    /** The failure of the step {@code functionName} (its Pipeline name) after a restart. */
    public static String failure(String functionName) {
        return "imagegraph: " + functionName + " was running when Jenkins restarted, and its work cannot be picked"
                + " up again. " + rerun(functionName);
    }

    static String rerun(String functionName) {
        return switch (functionName) {
            case "smokeTestImages" -> "Run the build again, or smokeTestImages with report: naming this build's"
                    + " build-report.json: its images are built and pushed, only the tests are to run.";
            case "promoteImages" -> "Run promoteImages again with the same report: it first settles the tags this"
                    + " promotion left pending, then moves the rest, so no tag ends on an untested digest.";
            case "pruneImages" -> "Run pruneImages again: it decides from what the registry holds now, so what was"
                    + " already deleted is not counted twice.";
            case "imageGraphPlan" -> "Run the build again: a plan changes nothing.";
            default -> "Run the build again: images already pushed with the same input digest are reused, not"
                    + " rebuilt.";
        };
    }
}
