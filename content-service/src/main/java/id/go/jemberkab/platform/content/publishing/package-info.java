/**
 * Content items through the editorial workflow (draft to published and back), their editions, scheduled
 * publishing, the public read API for the web portal, and delivery of published editions to their channels.
 */
package id.go.jemberkab.platform.content.publishing;
