package dev.mlops.core.image;

/** A user name and password (or token) for one registry. Its text form never shows the password. */
public record RegistryCredential(String username, String password) {

    @Override
    public String toString() {
        return "RegistryCredential[username=" + username + ", password=****]";
    }
}
