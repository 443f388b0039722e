package io.imagegraph.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, driven through chromedriver's W3C WebDriver protocol on a loopback
 * port: open a page, find elements by CSS selector, read their text and attributes, click, run a
 * script, take a screenshot. Started per test class and stopped (chromedriver by its process, the
 * browser with its session) when closed. Chromium runs with the flags this closed network needs
 * (no background networking, no component updates) and a fresh profile.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final String base;
    private final String session;
    private final Path profile;

    private HeadlessChromium(Process driver, String base, String session, Path profile) {
        this.driver = driver;
        this.base = base;
        this.session = session;
        this.profile = profile;
    }

    public static HeadlessChromium start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path profile = Files.createTempDirectory("imagegraph-chromium-");
        Process driver;
        try {
            driver = new ProcessBuilder("chromedriver", "--port=" + port).redirectErrorStream(true)
                    .redirectOutput(profile.resolve("chromedriver.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start chromedriver (" + e.getMessage() + "); install Debian's chromium and"
                    + " chromium-driver (bin/lib/install-deps)", e);
        }
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                if (call("GET", base + "/status", null).path("value").path("ready").asBoolean()) {
                    break;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    driver.destroyForcibly();
                    throw new IOException("chromedriver did not answer on " + base + ": "
                            + Files.readString(profile.resolve("chromedriver.log")));
                }
            }
            Thread.sleep(100);
        }
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", "/usr/bin/chromium");
        options.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
                .add("--disable-dev-shm-usage").add("--disable-background-networking").add("--disable-component-update")
                .add("--disable-sync").add("--disable-quic").add("--no-first-run").add("--window-size=1400,1000")
                .add("--user-data-dir=" + profile.resolve("profile"));
        ObjectNode request = JSON.createObjectNode();
        ObjectNode always = request.putObject("capabilities").putObject("alwaysMatch");
        always.put("browserName", "chrome");
        always.set("goog:chromeOptions", options);
        JsonNode created = call("POST", base + "/session", request);
        String session = created.path("value").path("sessionId").asText("");
        if (session.isEmpty()) {
            driver.destroyForcibly();
            throw new IOException("chromedriver made no session: " + created);
        }
        return new HeadlessChromium(driver, base, session, profile);
    }

    public void open(String url) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("url", url);
        command("POST", "/url", body);
    }

    /** The ids of the elements matching a CSS selector, in document order. */
    public List<String> findAll(String css) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("using", "css selector").put("value", css);
        List<String> ids = new ArrayList<>();
        command("POST", "/elements", body).forEach(element -> ids.add(element.path(ELEMENT).asText()));
        return ids;
    }

    public String text(String element) throws IOException {
        return command("GET", "/element/" + element + "/text", null).asText();
    }

    public String attribute(String element, String name) throws IOException {
        JsonNode value = command("GET", "/element/" + element + "/attribute/" + name, null);
        return value.isNull() ? null : value.asText();
    }

    public void click(String element) throws IOException {
        command("POST", "/element/" + element + "/click", JSON.createObjectNode());
    }

    /** Runs a script in the page and returns what it returns, as JSON. */
    public JsonNode script(String source) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("script", source);
        body.putArray("args");
        return command("POST", "/execute/sync", body);
    }

    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(command("GET", "/screenshot", null).asText()));
    }

    private JsonNode command(String method, String path, JsonNode body) throws IOException {
        JsonNode answer = call(method, base + "/session/" + session + path, body);
        JsonNode value = answer.path("value");
        if (value.isObject() && value.has("error")) {
            throw new IOException("WebDriver " + method + " " + path + " failed: " + value.path("error").asText() + ": "
                    + value.path("message").asText());
        }
        return value;
    }

    private static JsonNode call(String method, String url, JsonNode body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(60000);
        if (body != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(JSON.writeValueAsBytes(body));
            }
        }
        int status = connection.getResponseCode();
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return in == null ? JSON.createObjectNode() : JSON.readTree(in);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            call("DELETE", base + "/session/" + session, null);
        } finally {
            driver.destroy();
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            new ProcessBuilder("rm", "-rf", profile.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
