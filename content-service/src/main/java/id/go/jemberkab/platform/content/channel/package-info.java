/** Channel adapters: how an edition reaches the portal, Facebook, Instagram and YouTube, and their followers. */
package id.go.jemberkab.platform.content.channel;
