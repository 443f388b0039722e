package io.imagegraph.core.catalog;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A catalog page's filters as its query gives them ({@code ?held=true&deployed=true&repository=^acme/}),
 * the CLI's {@code --held}, {@code --deployed} and {@code --repository REGEX}. A repository that is
 * not a regular expression filters nothing and says why.
 *
 * @param filter     the filter
 * @param repository the repository expression as given (blank: none)
 * @param problem    why the expression was not used
 */
public record CatalogQuery(CatalogFilter filter, String repository, Optional<String> problem) {

    public static CatalogQuery parse(String held, String deployed, String repository) {
        boolean onlyHeld = on(held);
        boolean onlyDeployed = on(deployed);
        String expression = repository == null ? "" : repository.strip();
        if (expression.isEmpty()) {
            return new CatalogQuery(new CatalogFilter(onlyHeld, onlyDeployed, Optional.empty()), "", Optional.empty());
        }
        try {
            return new CatalogQuery(new CatalogFilter(onlyHeld, onlyDeployed, Optional.of(Pattern.compile(expression))),
                    expression, Optional.empty());
        } catch (PatternSyntaxException e) {
            return new CatalogQuery(new CatalogFilter(onlyHeld, onlyDeployed, Optional.empty()), expression,
                    Optional.of("repository '" + expression + "' is not a regular expression (" + e.getDescription()
                            + "), so every repository is shown"));
        }
    }

    private static boolean on(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on")
                || value.equals("1") || value.equalsIgnoreCase("yes"));
    }
}
