package io.muster.auth;

/** The sign-in page: plain HTML, no script, posting to /login. */
final class LoginPage {

    private LoginPage() {
    }

    static String render(boolean failed, boolean oidc) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Sign in · Muster</title>
                  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                  <style>
                    body { font-family: system-ui, sans-serif; background: #f4f5f7; display: grid; place-items: center; min-height: 100vh; margin: 0; }
                    main { background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 2px 12px rgba(0,0,0,.08); width: 20rem; }
                    h1 { font-size: 1.4rem; margin: 0 0 1.5rem; }
                    label { display: block; font-size: .9rem; margin: 1rem 0 .3rem; }
                    input { width: 100%%; box-sizing: border-box; padding: .55rem; border: 1px solid #c4c8cf; border-radius: 4px; font-size: 1rem; }
                    button, a.button { margin-top: 1.5rem; width: 100%%; padding: .6rem; border: 0; border-radius: 4px; background: #1f4fd1; color: #fff; font-size: 1rem; cursor: pointer; text-align: center; display: block; text-decoration: none; box-sizing: border-box; }
                    a.button { background: #444b57; margin-top: .75rem; }
                    .error { color: #b3261e; font-size: .9rem; margin-top: 1rem; }
                  </style>
                </head>
                <body>
                  <main>
                    <h1>Sign in to Muster</h1>
                    <form method="post" action="/login">
                      <label for="username">User name</label>
                      <input id="username" name="username" autocomplete="username" required autofocus>
                      <label for="password">Password</label>
                      <input id="password" name="password" type="password" autocomplete="current-password" required>
                      %s
                      <button type="submit">Sign in</button>
                    </form>
                    %s
                  </main>
                </body>
                </html>
                """.formatted(failed ? "<p class=\"error\" role=\"alert\">Wrong user name or password.</p>" : "",
                oidc ? "<a class=\"button\" href=\"/login/oidc\">Sign in with your organisation</a>" : "");
    }
}
