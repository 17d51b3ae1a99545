/**
 * The API's JSON answers and its error shape, shared by every package that serves routes under {@code /api}
 * ({@code web}, {@code session}, {@code history}, {@code live}); it depends on none of them.
 */
package io.anju.dashboards.reply;
