package community.dispatch.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What the console's files must hold to, read as text: nothing the page's Content-Security-Policy would refuse
 * (inline script, inline style, handlers in HTML), no way for data to become markup, and every word the
 * pages ask for in each of the three languages.
 */
class ConsoleFilesTest {

    private static final Path CONSOLE = Path.of("src/main/resources/static/console");
    private static final List<String> LANGUAGES = List.of("zh-Hans", "zh-Hant", "en");
    private static final Pattern LANGUAGE_BLOCK = Pattern.compile("^  '?([\\w-]+)'?: \\{$");
    private static final Pattern LANGUAGE_LINE = Pattern.compile("^  '?([\\w-]+)'?: \\{ (.*) },$");
    private static final Pattern KEY = Pattern.compile("'?([\\w.]+)'?: '");
    private static final Pattern GROUP = Pattern.compile("^const ([A-Z]+) = \\{$");
    private static final Pattern ASKED = Pattern.compile("\\bt\\('([\\w.]+)'");

    @Test
    void thePageHasNoInlineCodeOrStyle() throws IOException {
        String page = read("index.html");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page).find()).as("inline script").isFalse();
        assertThat(page).doesNotContain("<style", " style=", " onclick=", " onload=", "javascript:");
    }

    @Test
    void dataNeverBecomesMarkup() throws IOException {
        for (Path module : modules()) {
            assertThat(Files.readString(module)).as(module.getFileName().toString())
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")
                    .doesNotContain(".style.", "setAttribute('style'");
        }
    }

    @Test
    void everyWordIsThereInEachLanguage() throws IOException {
        Map<String, Map<String, Set<String>>> dictionaries = dictionaries(read("i18n.js"));
        assertThat(dictionaries).containsKeys("WORDS", "STATUS", "PAGE");
        dictionaries.forEach((name, byLanguage) -> {
            assertThat(byLanguage.keySet()).as(name).containsExactlyInAnyOrderElementsOf(LANGUAGES);
            LANGUAGES.forEach(language -> assertThat(byLanguage.get(language)).as("%s in %s", name, language)
                    .isEqualTo(byLanguage.get(LANGUAGES.get(0))));
        });
        for (Path module : modules()) {
            Matcher asked = ASKED.matcher(Files.readString(module));
            while (asked.find()) {
                String key = asked.group(1);
                int dot = key.indexOf('.');
                String group = dot > 0 ? key.substring(0, dot).toUpperCase() : "";
                Set<String> known = dictionaries.containsKey(group)
                        ? dictionaries.get(group).get("en") : dictionaries.get("WORDS").get("en");
                String word = dictionaries.containsKey(group) ? key.substring(dot + 1) : key;
                if (!word.isEmpty()) {
                    assertThat(known).as("%s asks for '%s'", module.getFileName(), key).contains(word);
                }
            }
        }
    }

    /** Each dictionary (WORDS and the groups) → language → its keys. */
    private static Map<String, Map<String, Set<String>>> dictionaries(String source) {
        Map<String, Map<String, Set<String>>> found = new LinkedHashMap<>();
        String dictionary = null;
        String language = null;
        for (String line : source.split("\n")) {
            Matcher group = GROUP.matcher(line);
            Matcher block = LANGUAGE_BLOCK.matcher(line);
            Matcher oneLine = LANGUAGE_LINE.matcher(line);
            if (group.matches()) {
                dictionary = group.group(1);
            }
            else if (line.equals("};")) {
                dictionary = null;
            }
            else if (dictionary != null && oneLine.matches()) {
                found.computeIfAbsent(dictionary, any -> new LinkedHashMap<>()).put(oneLine.group(1), keys(oneLine.group(2)));
            }
            else if (dictionary != null && block.matches()) {
                language = block.group(1);
                found.computeIfAbsent(dictionary, any -> new LinkedHashMap<>()).put(language, new TreeSet<>());
            }
            else if (dictionary != null && language != null && line.equals("  },")) {
                language = null;
            }
            else if (dictionary != null && language != null) {
                found.get(dictionary).get(language).addAll(keys(line));
            }
        }
        return found;
    }

    private static Set<String> keys(String text) {
        Set<String> keys = new TreeSet<>();
        Matcher key = KEY.matcher(text);
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    private static List<Path> modules() throws IOException {
        try (Stream<Path> files = Files.list(CONSOLE)) {
            return files.filter(file -> file.toString().endsWith(".js")).sorted().toList();
        }
    }

    private static String read(String name) throws IOException {
        return Files.readString(CONSOLE.resolve(name), StandardCharsets.UTF_8);
    }
}
