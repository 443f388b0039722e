package io.imagegraph.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostScopeTest {

    private static final List<HostScope.Placed> CONFIGURED = List.of(
            new HostScope.Placed("shared", ""),
            new HostScope.Placed("a-engine", "team-a"),
            new HostScope.Placed("b-engine", "team-b"),
            new HostScope.Placed("shared", "team-a/nested"));

    @Test
    void visible_areTheGlobalHostsAndThoseOfTheJobsFolders_theNearestFolderWinningForAName() {
        HostScope scope = HostScope.of("team-a/nested/images", CONFIGURED);

        assertThat(scope.visible()).containsExactly(new HostScope.Placed("a-engine", "team-a"),
                new HostScope.Placed("shared", "team-a/nested"));
    }

    @Test
    void visible_forAJobOutsideEveryFolder_areTheGlobalHostsAlone() {
        assertThat(HostScope.of("images", CONFIGURED).visible()).containsExactly(new HostScope.Placed("shared", ""));
    }

    @Test
    void chosen_noNames_isEveryVisibleHost() {
        assertThat(HostScope.of("team-b/images", CONFIGURED).chosen(List.of())).extracting(HostScope.Placed::name)
                .containsExactly("shared", "b-engine");
    }

    @Test
    void chosen_aHostOfAnotherFolder_isRefusedNamingTheFolderAndWhatTheJobMayUse() {
        HostScope scope = HostScope.of("team-b/images", CONFIGURED);

        assertThatThrownBy(() -> scope.chosen(List.of("b-engine", "a-engine")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the build host a-engine is configured on the folder 'team-a', and the job 'team-b/images'"
                        + " is not in it: use a host configured on the job's folders or globally (shared, b-engine),"
                        + " or move the job into the folder 'team-a'");
    }

    @Test
    void chosen_aNameConfiguredNowhere_saysSoAndListsTheUsableHosts() {
        assertThatThrownBy(() -> HostScope.of("images", CONFIGURED).chosen(List.of("gpu")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no build host is named 'gpu' in the global configuration or on a folder of the job"
                        + " 'images'; the hosts it may use are shared");
    }

    @Test
    void folderPrefixes_doNotLeak_aFolderNamedLikeTheStartOfAnother() {
        HostScope scope = HostScope.of("team-ab/images", CONFIGURED);

        assertThat(scope.visible()).extracting(HostScope.Placed::name).containsExactly("shared");
    }
}
