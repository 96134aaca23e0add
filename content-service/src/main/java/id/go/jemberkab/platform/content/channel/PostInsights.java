package id.go.jemberkab.platform.content.channel;

/**
 * One post's figures as its channel reports them, totals so far; null where the channel reports nothing of the
 * kind (the fields of {@code ChannelPostMeasured}).
 */
public record PostInsights(Long views, Long reach, Long reactions, Long comments, Long shares) {
}
