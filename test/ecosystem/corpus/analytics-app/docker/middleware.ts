export const config = { matcher: "/:path*" };
export function middleware() {}
