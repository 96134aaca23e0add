/** Data records of the content and engagement events: what the portal and the social channels report back. */
package id.go.jemberkab.platform.contracts.content;
