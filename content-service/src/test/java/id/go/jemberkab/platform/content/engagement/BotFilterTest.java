package id.go.jemberkab.platform.content.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BotFilterTest {

  /** The regular expression the substring search replaced: both must agree on every agent. */
  private static final Pattern BEFORE = Pattern.compile("bot\\b|bot/|crawl|spider|slurp|headless|facebookexternalhit|"
      + "preview|monitor|pingdom|curl/|wget/|python-requests|java-http-client|okhttp|go-http-client|scrapy");

  private static final List<String> BOTS = List.of(
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
      "Mozilla/5.0 (compatible; YandexBot)", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0.0.0 Safari/537.36", "curl/8.5.0", "Wget/1.21.4",
      "python-requests/2.32.3", "Java-http-client/17.0.15", "okhttp/4.12.0", "Go-http-client/2.0", "Scrapy/2.11",
      "Pingdom.com_bot_version_1.4", "UptimeRobot", "Slackbot-LinkExpanding 1.0", "WhatsApp preview", "baiduspider",
      "Yahoo! Slurp", "AhrefsBot/7.0", "site monitor", "a robot");

  private static final List<String> PEOPLE = List.of(
      "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
      "Mozilla/5.0 (Linux; Android 14; SM-A146P) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile",
      "Bottle/0.12 Robotic vacuum app", "Mozilla/5.0 (Linux; Android 13; bot_ui)", "Botswana Browser",
      "Mozilla/5.0 (Linux; Android 12; botánico)", "");

  @Test
  void tellsCrawlersScriptsAndPreviewsFromPeople() {
    assertThat(BOTS).allMatch(EngagementIntake::isBot);
    assertThat(PEOPLE).noneMatch(EngagementIntake::isBot);
    assertThat(EngagementIntake.isBot(null)).isFalse();
  }

  @Test
  void agreesWithTheRegularExpressionItReplaced() {
    for (String agent : concat(BOTS, PEOPLE, List.of("bot", "xbot_", "bot.", "abot1", "bot\u00e9", "CRAWLER"))) {
      boolean regex = BEFORE.matcher(agent.toLowerCase(Locale.ROOT)).find();
      assertThat(EngagementIntake.isBot(agent)).as(agent).isEqualTo(regex);
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
