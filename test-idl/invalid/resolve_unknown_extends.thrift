struct Base {}
service Basic {}

service A extends Basc {}  # expected-error: unknown service 'Basc'; did you mean 'Basic'?
service B extends Base {}  # expected-error: unknown service 'Base'
