package io.imagegraph.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The subcommands of {@code imagegraph}, registered lazily: picocli builds the model of a command
 * (every option, mixin and nested command) when it is added, which for all of them is about half of
 * the start-up of {@code imagegraph --help}. So only the command that runs is added ({@code plan}
 * for {@code imagegraph plan ...}, {@code help} and {@code build} for {@code imagegraph help build});
 * with no command, the top-level help lists every command from its {@link Command} annotation
 * alone, as picocli would; a name that is no command gets them all, for picocli's suggestions.
 */
final class Subcommands {

    /** Every subcommand by name, in the order the help lists them. */
    static final Map<String, Class<?>> ALL = all();

    private static final String HELP = "help";

    private Subcommands() {
    }

    private static Map<String, Class<?>> all() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("plan", PlanCommand.class);
        all.put("build", BuildCommand.class);
        all.put("test", TestCommand.class);
        all.put("promote", PromoteCommand.class);
        all.put("history", HistoryCommand.class);
        all.put("rollback", RollbackCommand.class);
        all.put("held", HeldCommand.class);
        all.put("watch", WatchCommand.class);
        all.put("webhook", WebhookCommand.class);
        all.put("prune", PruneCommand.class);
        all.put("deployed", DeployedCommand.class);
        all.put("overrides", OverridesCommand.class);
        all.put("contract", ContractCommand.class);
        all.put("report", ReportCommand.class);
        all.put("helm-values", HelmValuesCommand.class);
        all.put("helm-lint", HelmLintCommand.class);
        all.put("mutate", MutateCommand.class);
        all.put("usage", UsageCommand.class);
        all.put("verify", VerifyCommand.class);
        all.put("catalog", CatalogCommand.class);
        all.put(HELP, CommandLine.HelpCommand.class);
        return all;
    }

    /** Adds to {@code root} the subcommands that {@code args} run. */
    static void register(CommandLine root, String... args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                words.add(arg);
            }
        }
        if (words.isEmpty()) {
            listWithoutModels(root);
            return;
        }
        String command = words.get(0);
        if (!ALL.containsKey(command)) {
            ALL.forEach(root::addSubcommand);
            return;
        }
        root.addSubcommand(command, ALL.get(command));
        if (command.equals(HELP)) {
            if (words.size() > 1 && ALL.containsKey(words.get(1))) {
                root.addSubcommand(words.get(1), ALL.get(words.get(1)));
            } else if (words.size() > 1) {
                ALL.forEach((name, type) -> {
                    if (!name.equals(HELP)) {
                        root.addSubcommand(name, type);
                    }
                });
            } else {
                listWithoutModels(root);
            }
        }
    }

    /** Makes the top-level help list every command, read from the annotations, not from models. */
    private static void listWithoutModels(CommandLine root) {
        root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_SYNOPSIS,
                help -> help.commandSpec().subcommands().isEmpty()
                        ? help.synopsis(help.synopsisHeadingLength()).replaceFirst("(\\R)$", " [COMMAND]$1")
                        : help.synopsis(help.synopsisHeadingLength()));
        root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
                help -> help.createHeading("Commands:%n"));
        root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Subcommands::commandList);
    }

    private static String commandList(Help help) {
        int longest = ALL.keySet().stream().mapToInt(String::length).max().orElse(0);
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Column(longest + 2, 2, Column.Overflow.SPAN), new Column(width - (longest + 2), 2, Column.Overflow.WRAP));
        ALL.forEach((name, type) -> {
            Command command = type.getAnnotation(Command.class);
            String[] summary = command.header().length > 0 ? command.header() : command.description();
            table.addRowValues(help.colorScheme().commandText(name),
                    help.colorScheme().text(summary.length == 0 ? "" : String.format(summary[0])));
        });
        return table.toString();
    }
}
