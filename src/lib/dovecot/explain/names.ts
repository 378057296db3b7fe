/**
 * Top-level setting names that only one of the two versions knows, so that a pasted config says
 * which version it was written for. Taken from the names in `doveconf -a` of 2.3.19.1 and 2.4.1
 * (tests/doveconf/fixtures) and sorted by what the real binaries say when each is set at the top
 * of a config: a name here is refused as "Unknown setting" by the other version's doveconf.
 * tests/doveconf/version-names.test.ts runs that check again on both lists and on every other
 * name of the dumps. Only the explainer needs them (so only its page loads them).
 *
 * 2.4 also flattens section settings into global names (`passdb_driver`, `inet_listener_port`):
 * those only mean 2.4 at the top level, never inside a 2.3 section, where the key is `driver`.
 */

/** Names 2.3.19.1 knows at the top level and 2.4.1 refuses ("Unknown setting"). */
export const NAMES_ONLY_23: readonly string[] = (
  'auth_default_realm auth_policy_server_timeout_msecs auth_stats auth_worker_max_count ' +
  'config_cache_size default_idle_kill dict_db_config director_flush_socket director_mail_servers ' +
  'director_max_parallel_kicks director_max_parallel_moves director_output_buffer_size ' +
  'director_ping_idle_timeout director_ping_max_timeout director_servers director_user_expire ' +
  'director_user_kick_delay director_username_hash disable_plaintext_auth doveadm_http_rawlog_dir ' +
  'imap_id_log imapc_ssl_verify login_access_sockets mail_attachment_dir mail_attachment_fs ' +
  'mail_attachment_hash mail_attachment_min_size mail_attribute_dict mail_location ' +
  'master_user_separator old_stats_carbon_interval old_stats_carbon_name old_stats_carbon_server ' +
  'old_stats_command_min_time old_stats_domain_min_time old_stats_ip_min_time ' +
  'old_stats_memory_limit old_stats_session_min_time old_stats_user_min_time ' +
  'replication_dsync_parameters replication_full_sync_interval replication_max_conns ' +
  'replicator_host replicator_port ssl_alt_cert ssl_alt_key ssl_ca ssl_cert ssl_cert_username_field ' +
  'ssl_client_cert ssl_client_key ssl_dh ssl_key ssl_key_password ssl_prefer_server_ciphers ' +
  'ssl_require_crl ssl_verify_client_cert stats_http_rawlog_dir verbose_ssl'
).split(' ');

/** Names 2.4.1 knows at the top level and 2.3.19.1 refuses ("Unknown setting"). */
export const NAMES_ONLY_24: readonly string[] = (
  'acl_cache_ttl acl_defaults_from_inbox acl_driver acl_global_path acl_globals_only acl_groups ' +
  'acl_id acl_ignore acl_rights acl_user apparmor_hats auth_allow_cleartext auth_allow_weak_schemes ' +
  'auth_default_domain auth_internal_failure_delay charset_aliases compress_bz2_block_size_100k ' +
  'compress_deflate_level compress_gz_level compress_zstd_level ' +
  'crypt_acl_require_secure_key_sharing crypt_global_public_key_file crypt_private_key_file ' +
  'crypt_private_key_name crypt_private_key_password crypt_user_key_curve crypt_user_key_password ' +
  'crypt_user_key_require_encrypted crypt_write_algorithm default_idle_kill_interval dict_driver ' +
  'dict_file_lock_method dict_file_path dict_map_expire_field dict_map_key_field_name ' +
  'dict_map_key_field_type dict_map_key_field_value dict_map_ldap_filter dict_map_pattern ' +
  'dict_map_sql_table dict_map_username_field dict_map_value dict_map_value_field_name ' +
  'dict_map_value_field_type dict_name dict_proxy_idle_timeout dict_proxy_name dict_proxy_slow_warn ' +
  'dict_proxy_socket_path dovecot_config_version dovecot_storage_version event_exporter_driver ' +
  'event_exporter_file_path event_exporter_format event_exporter_http_post_url event_exporter_name ' +
  'event_exporter_time_format event_exporter_unix_connect_timeout event_exporter_unix_path ' +
  'execute_args execute_driver execute_fork_path execute_name execute_tcp_host execute_tcp_port ' +
  'execute_unix_socket_path fifo_listener_group fifo_listener_mode fifo_listener_path ' +
  'fifo_listener_type fifo_listener_user fs_compress_read_plain_fallback fs_compress_write_method ' +
  'fs_crypt_read_plain_fallback fs_dict_value_encoding fs_driver fs_name fs_posix_accurate_mtime ' +
  'fs_posix_fsync fs_posix_lock_method fs_posix_mode fs_posix_prefix fs_randomfail_ops ' +
  'fs_sis_queue_path fts_autoindex fts_autoindex_max_recent_msgs fts_decoder_driver ' +
  'fts_decoder_script_socket_path fts_decoder_tika_url fts_driver fts_header_excludes ' +
  'fts_header_includes fts_message_max_size fts_search fts_search_add_missing ' +
  'fts_search_read_fallback fts_search_timeout http_client_connect_timeout ' +
  'http_client_delete_request_max_attempts http_client_delete_request_timeout ' +
  'http_client_max_connect_attempts http_client_max_idle_time http_client_max_parallel_connections ' +
  'http_client_max_pipelined_requests http_client_proxy_password http_client_proxy_socket_path ' +
  'http_client_proxy_ssl_tunnel http_client_proxy_url http_client_proxy_username ' +
  'http_client_rawlog_dir http_client_read_request_max_attempts http_client_read_request_timeout ' +
  'http_client_request_absolute_timeout http_client_request_max_attempts ' +
  'http_client_request_max_redirects http_client_request_timeout ' +
  'http_client_write_request_max_attempts http_client_write_request_timeout ' +
  'http_server_max_client_idle_time http_server_max_pipelined_requests http_server_rawlog_dir ' +
  'imap_acl_allow_anyone imapc_connection_timeout_interval imapsieve_expunge_discarded ' +
  'imapsieve_from_name imapsieve_url inet_listener_haproxy inet_listener_name inet_listener_port ' +
  'inet_listener_reuse_port inet_listener_ssl inet_listener_type language_default ' +
  'language_filter_normalizer_icu_id language_filter_stopwords_dir language_filters language_name ' +
  'language_tokenizer_address_token_maxlen language_tokenizer_generic_algorithm ' +
  'language_tokenizer_generic_explicit_prefix language_tokenizer_generic_token_maxlen ' +
  'language_tokenizer_generic_wb5a language_tokenizers last_login_key last_login_precision ' +
  'lazy_expunge_mailbox lazy_expunge_only_last_instance ldap_auth_dn ldap_auth_dn_password ' +
  'ldap_auth_sasl_authz_id ldap_auth_sasl_mechanisms ldap_auth_sasl_realm ldap_base ' +
  'ldap_debug_level ldap_deref ldap_max_idle_time ldap_scope ldap_starttls ldap_timeout ldap_uris ' +
  'ldap_version login_socket_path lua_file lua_settings mail_alt_path mail_compress_write_method ' +
  'mail_control_path mail_driver mail_ext_attachment_min_size mail_ext_attachment_path ' +
  'mail_inbox_path mail_index_path mail_index_private_path mail_log_cached_only mail_log_events ' +
  'mail_log_fields mail_path mail_utf8_extensions mail_volatile_path mailbox_auto ' +
  'mailbox_autoexpunge mailbox_autoexpunge_max_mails mailbox_comment mailbox_directory_name_legacy ' +
  'mailbox_list_index_prefix mailbox_list_layout mailbox_list_storage_escape_char ' +
  'mailbox_list_visible_escape_char mailbox_name mailbox_notify_status mailbox_special_use ' +
  'metric_description metric_exporter metric_exporter_include metric_fields metric_filter ' +
  'metric_group_by_field metric_group_by_method_discrete_modifier ' +
  'metric_group_by_method_exponential_base metric_group_by_method_exponential_max_magnitude ' +
  'metric_group_by_method_exponential_min_magnitude metric_group_by_method_linear_max ' +
  'metric_group_by_method_linear_min metric_group_by_method_linear_step ' +
  'metric_group_by_method_method metric_name namespace_alias_for namespace_disabled ' +
  'namespace_hidden namespace_ignore_on_failure namespace_inbox namespace_list namespace_name ' +
  'namespace_order namespace_prefix namespace_separator namespace_subscriptions namespace_type ' +
  'notify_status_value oauth2_active_attribute oauth2_active_value oauth2_audience oauth2_client_id ' +
  'oauth2_client_secret oauth2_fields oauth2_force_introspection oauth2_grant_url ' +
  'oauth2_introspection_mode oauth2_introspection_url oauth2_issuers ' +
  'oauth2_openid_configuration_url oauth2_scope oauth2_send_auth_headers oauth2_tokeninfo_url ' +
  'oauth2_use_worker_with_mech oauth2_username_attribute oauth2_username_validation_format ' +
  'passdb_default_password_scheme passdb_deny passdb_driver passdb_fields passdb_fields_import_all ' +
  'passdb_master passdb_mechanisms_filter passdb_name passdb_pam_failure_show_msg ' +
  'passdb_pam_max_requests passdb_pam_service_name passdb_pam_session passdb_pam_setcred ' +
  'passdb_result_failure passdb_result_internalfail passdb_result_success passdb_skip ' +
  'passdb_sql_query passdb_sql_update_query passdb_static_password passdb_use_cache ' +
  'passdb_use_worker passdb_username_filter passwd_file_path pop3_migration_all_mailboxes ' +
  'pop3_migration_ignore_extra_uidls pop3_migration_ignore_missing_uidls pop3_migration_mailbox ' +
  'pop3_migration_skip_size_check pop3_migration_skip_uidl_cache push_notification_driver ' +
  'push_notification_name push_notification_ox_cache_ttl push_notification_ox_url ' +
  'push_notification_ox_user_from_metadata quota_clone_unset quota_driver quota_enforce ' +
  'quota_exceeded_message quota_fs_message_limit quota_fs_mount_path quota_fs_type quota_hidden ' +
  'quota_ignore quota_ignore_unlimited quota_imapc_mailbox_name quota_imapc_root_name ' +
  'quota_mail_size quota_mailbox_count quota_mailbox_message_count quota_message_count ' +
  'quota_message_percentage quota_name quota_over_status_current quota_over_status_lazy_check ' +
  'quota_over_status_mask quota_status_nouser quota_status_overquota quota_status_success ' +
  'quota_status_toolarge quota_storage_extra quota_storage_grace quota_storage_percentage ' +
  'quota_storage_size quota_warning_name quota_warning_resource quota_warning_threshold redis_db_id ' +
  'redis_expire redis_host redis_key_prefix redis_password redis_port redis_request_timeout ' +
  'redis_socket_path service_chroot service_client_limit service_drop_priv_before_exec ' +
  'service_executable service_extra_groups service_group service_idle_kill_interval service_name ' +
  'service_privileged_group service_process_limit service_process_min_avail service_protocol ' +
  'service_restart_request_count service_type service_user service_vsz_limit ' +
  'sieve_duplicate_default_period sieve_duplicate_max_period sieve_editheader_header_forbid_add ' +
  'sieve_editheader_header_forbid_delete sieve_editheader_header_name ' +
  'sieve_editheader_max_header_size sieve_enabled sieve_environment sieve_execute_bin_dir ' +
  'sieve_execute_exec_timeout sieve_execute_input_eol sieve_execute_socket_dir sieve_extensions ' +
  'sieve_filter_bin_dir sieve_filter_exec_timeout sieve_filter_input_eol sieve_filter_socket_dir ' +
  'sieve_global_extensions sieve_implicit_extensions sieve_include_max_includes ' +
  'sieve_include_max_nesting_depth sieve_max_actions sieve_max_cpu_time sieve_max_redirects ' +
  'sieve_max_script_size sieve_notify_mailto_envelope_from sieve_pipe_bin_dir ' +
  'sieve_pipe_exec_timeout sieve_pipe_input_eol sieve_pipe_socket_dir sieve_plugin_dir ' +
  'sieve_plugins sieve_quota_script_count sieve_quota_storage_size sieve_redirect_duplicate_period ' +
  'sieve_redirect_envelope_from sieve_report_from sieve_resource_usage_timeout ' +
  'sieve_script_active_path sieve_script_bin_path sieve_script_cause sieve_script_driver ' +
  'sieve_script_ldap_filter sieve_script_ldap_modified_attribute sieve_script_ldap_script_attribute ' +
  'sieve_script_name sieve_script_path sieve_script_precedence sieve_script_storage ' +
  'sieve_script_type sieve_spamtest_score_max_header sieve_spamtest_score_max_value ' +
  'sieve_spamtest_status_header sieve_spamtest_status_type sieve_spamtest_text_value ' +
  'sieve_trace_addresses sieve_trace_debug sieve_trace_dir sieve_trace_level sieve_user_email ' +
  'sieve_user_log_path sieve_vacation_check_recipient sieve_vacation_default_period ' +
  'sieve_vacation_default_subject sieve_vacation_default_subject_template sieve_vacation_max_period ' +
  'sieve_vacation_min_period sieve_vacation_send_from_recipient ' +
  'sieve_vacation_to_header_ignore_envelope sieve_vacation_use_original_recipient ' +
  'sieve_variables_max_scope_count sieve_variables_max_value_size sieve_virustest_score_max_header ' +
  'sieve_virustest_score_max_value sieve_virustest_status_header sieve_virustest_status_type ' +
  'sieve_virustest_text_value sql_driver ssl_client_cert_file ssl_client_key_file ' +
  'ssl_client_key_password ssl_server_alt_cert_file ssl_server_alt_key_file ssl_server_ca_file ' +
  'ssl_server_cert_file ssl_server_cert_username_field ssl_server_dh_file ssl_server_key_file ' +
  'ssl_server_key_password ssl_server_prefer_ciphers ssl_server_request_client_cert ' +
  'ssl_server_require_crl submission_add_received_header textcat_config_path trash_priority ' +
  'unix_listener_group unix_listener_mode unix_listener_path unix_listener_type unix_listener_user ' +
  'userdb_driver userdb_fields userdb_fields_import_all userdb_name userdb_result_failure ' +
  'userdb_result_internalfail userdb_result_success userdb_skip userdb_sql_iterate_query ' +
  'userdb_sql_query userdb_static_allow_all_users userdb_use_cache userdb_use_worker ' +
  'virtual_max_open_mailboxes welcome_wait'
).split(' ');
